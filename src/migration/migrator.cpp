// The migration state machine (docs/migration.md). Every handler is idempotent: a message
// may come twice, late, or never, and each state resends its own message until the
// peer's answer moves it on. The one irrevocable step is the source's switch to
// `committing` (the ownership point): from there it never resumes its copy.
#include "tern/migration/migrator.hpp"

#include <cstring>

#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/opcodes.hpp"
#include "tern/ccbpf/snapshot.hpp"

namespace tern::migration {

namespace {

std::uint32_t builtins_used(const ccbpf::ImageView& view) {
    std::uint32_t mask = 0;
    for (std::uint32_t i = 0; i < view.code_count; i++)
        if (view.code[i].op == ccbpf::OP_CALLB && view.code[i].a < 32) mask |= 1u << view.code[i].a;
    return mask;
}

void copy_name(char* dst, const char* src) {
    std::size_t n = std::strlen(src);
    if (n >= kNameBytes) n = kNameBytes - 1;
    std::memcpy(dst, src, n);
    dst[n] = 0;
}

}  // namespace

Migrator::Migrator(const Config& config, Programs& programs, Outbox& outbox, Events& events)
    : config_(config), programs_(programs), outbox_(outbox), events_(events) {
    if (config_.chunk_bytes == 0 || config_.chunk_bytes > kMaxChunk) config_.chunk_bytes = kMaxChunk;
    if (config_.window_chunks == 0) config_.window_chunks = 1;
}

// ---- helpers ------------------------------------------------------------------------

void Migrator::emit(const Message& m, NodeId to) {
    std::uint8_t buf[kMaxMessage];
    std::size_t n = encode(m, buf);
    if (n == 0) return;  // never happens for messages built here (tests check encode)
    stats_.messages_sent++;
    stats_.bytes_sent += n;
    outbox_.send(to, std::span<const std::uint8_t>(buf, n));
}

void Migrator::event(Event::Kind kind, Role role, const char* name, NodeId source,
                     NodeId destination, MigrationId id, Reason reason, bool cached,
                     std::uint32_t image_bytes, std::uint32_t snapshot_bytes, Millis started) {
    Event e{kind, role, name, source, destination, id, reason, cached, image_bytes, snapshot_bytes,
            started};
    events_.on_event(e);
}

void Migrator::remember(Role role, NodeId source, Incarnation source_incarnation, MigrationId id,
                        Outcome outcome) {
    for (Finished& f : finished_) {
        if (f.used && f.role == role && f.source == source &&
            f.source_incarnation == source_incarnation && f.id == id) {
            f.outcome = outcome;
            return;
        }
    }
    Finished& f = finished_[finished_next_];
    finished_next_ = (finished_next_ + 1) % MIGRATION_FINISHED;
    f = Finished{true, role, source, source_incarnation, id, outcome};
}

const Migrator::Finished* Migrator::recall(Role role, NodeId source,
                                           Incarnation source_incarnation,
                                           MigrationId id) const {
    for (const Finished& f : finished_)
        if (f.used && f.role == role && f.source == source &&
            f.source_incarnation == source_incarnation && f.id == id)
            return &f;
    return nullptr;
}

// Answers `about` (a message received from `to`) with a message of type t about the same
// migration, in the opposite role.
void Migrator::reply_plain(NodeId to, const Header& about, Type t, Reason r) {
    Message m;
    m.header.type = t;
    m.header.from_source = !about.from_source;
    m.header.id = about.id;
    m.header.sender_incarnation = config_.incarnation;
    m.header.receiver_incarnation = about.sender_incarnation;
    m.reason = r;
    emit(m, to);
}

void Migrator::reply_unknown(NodeId to, const Header& about) {
    Message m;
    m.header.type = Type::unknown;
    m.header.from_source = !about.from_source;
    m.header.id = about.id;
    m.header.sender_incarnation = config_.incarnation;
    m.header.receiver_incarnation = about.sender_incarnation;
    m.echoed = about;
    emit(m, to);
}

bool Migrator::idle() const {
    for (const Outgoing& o : out_)
        if (o.state != OutState::free) return false;
    for (const Incoming& in : in_)
        if (in.state != InState::free) return false;
    return true;
}

bool Migrator::in_progress(const char* program) const {
    for (const Outgoing& o : out_)
        if (o.state != OutState::free && std::strcmp(o.name, program) == 0) return true;
    for (const Incoming& in : in_)
        if (in.state != InState::free && std::strcmp(in.offer.name, program) == 0) return true;
    return false;
}

NodeId Migrator::owner_of(const char* program) const {
    for (const Outgoing& o : out_)
        if (o.state != OutState::free && std::strcmp(o.name, program) == 0)
            return o.state == OutState::committing ? o.destination : config_.self;
    return 0;
}

Millis Migrator::next_deadline() const {
    Millis t = kNever;
    for (const Outgoing& o : out_)
        if (o.state != OutState::free && o.next_retry < t) t = o.next_retry;
    for (const Incoming& in : in_)
        if (in.state != InState::free && in.next_retry < t) t = in.next_retry;
    return t;
}

// ---- source -------------------------------------------------------------------------

Reason Migrator::start(Millis now, const char* program, NodeId destination, MigrationId* id) {
    if (destination == 0 || destination == config_.self) return Reason::bad_destination;
    if (!is_valid_name(program)) return Reason::no_program;
    if (in_progress(program)) return Reason::busy;
    Outgoing* slot = nullptr;
    for (Outgoing& o : out_)
        if (o.state == OutState::free) {
            slot = &o;
            break;
        }
    if (slot == nullptr) return Reason::busy;
    if (!programs_.pause(program)) return Reason::no_program;

    Outgoing& o = *slot;
    o = Outgoing{};
    std::span<const std::uint8_t> image;
    ccbpf::ImageView view{};
    char why[8];
    if (!programs_.image(program, &image) ||
        !ccbpf::image_parse(image.data(), image.size(), &view, why, sizeof why)) {
        programs_.resume(program);
        return Reason::no_program;
    }
    std::size_t snap = programs_.snapshot(program, std::span<std::uint8_t>(o.snapshot));
    if (snap == 0) {
        programs_.resume(program);
        return Reason::too_large;
    }
    copy_name(o.name, program);
    o.id = next_id_++;
    if (next_id_ == 0) next_id_ = 1;
    o.destination = destination;
    o.image = image;
    o.snapshot_size = std::uint32_t(snap);
    std::memcpy(o.offer.name, o.name, kNameBytes);
    o.offer.image_hash = view.hash;
    o.offer.image_version = ccbpf::kImageVersion;
    o.offer.snapshot_version = ccbpf::kSnapshotVersion;
    o.offer.builtins = builtins_used(view);
    o.offer.memory_bytes = view.mem_size;
    o.offer.stack_bytes = view.mem_size - view.globals_end;
    o.offer.image_size = std::uint32_t(image.size());
    o.offer.snapshot_size = o.snapshot_size;
    o.state = OutState::offering;
    o.started = now;
    o.last_progress = now;
    o.next_retry = now + config_.retry_ms;
    send_offer(o);
    if (id != nullptr) *id = o.id;
    return Reason::none;
}

void Migrator::send_to_destination(Outgoing& o, Type t, Reason r) {
    Message m;
    m.header.type = t;
    m.header.from_source = true;
    m.header.id = o.id;
    m.header.sender_incarnation = config_.incarnation;
    m.header.receiver_incarnation = o.destination_incarnation;
    m.reason = r;
    emit(m, o.destination);
}

void Migrator::send_offer(Outgoing& o) {
    Message m;
    m.header.type = Type::offer;
    m.header.from_source = true;
    m.header.id = o.id;
    m.header.sender_incarnation = config_.incarnation;
    m.header.receiver_incarnation = o.destination_incarnation;
    m.offer = o.offer;
    emit(m, o.destination);
}

std::uint32_t Migrator::stream_total(const Outgoing& o) const {
    return (o.image_cached ? 0 : std::uint32_t(o.image.size())) + o.snapshot_size;
}

// Bytes of the image-then-snapshot sequence the destination holds contiguously.
std::uint32_t Migrator::acked_total(const Outgoing& o) const {
    std::uint32_t image_len = o.image_cached ? 0 : std::uint32_t(o.image.size());
    std::uint32_t image_acked = o.image_cached ? 0 : o.acked[0];
    if (image_acked < image_len) return image_acked;
    return image_len + o.acked[1];
}

// Sends the chunks between what is acknowledged and a window beyond it.
void Migrator::send_window(Millis, Outgoing& o) {
    const std::uint32_t total = stream_total(o);
    const std::uint32_t image_len = o.image_cached ? 0 : std::uint32_t(o.image.size());
    const std::uint32_t limit = acked_total(o) + std::uint32_t(config_.window_chunks) * config_.chunk_bytes;
    if (o.next_send < acked_total(o)) o.next_send = acked_total(o);
    while (o.next_send < total && o.next_send < limit) {
        Message m;
        m.header.type = Type::data;
        m.header.from_source = true;
        m.header.id = o.id;
        m.header.sender_incarnation = config_.incarnation;
        m.header.receiver_incarnation = o.destination_incarnation;
        std::uint32_t end;
        if (o.next_send < image_len) {
            m.data.stream = Stream::image;
            m.data.offset = o.next_send;
            end = image_len;
            m.data.bytes = o.image.data() + o.next_send;
        } else {
            m.data.stream = Stream::snapshot;
            m.data.offset = o.next_send - image_len;
            end = total;
            m.data.bytes = o.snapshot + m.data.offset;
        }
        std::uint32_t n = end - o.next_send;
        if (n > config_.chunk_bytes) n = config_.chunk_bytes;
        m.data.length = std::uint16_t(n);
        emit(m, o.destination);
        o.next_send += n;
    }
}

void Migrator::source_finish(Outgoing& o, Event::Kind kind, Reason why) {
    Outcome outcome = kind == Event::Kind::moved  ? Outcome::committed
                      : kind == Event::Kind::lost ? Outcome::lost
                                                  : Outcome::aborted;
    remember(Role::source, config_.self, config_.incarnation, o.id, outcome);
    event(kind, Role::source, o.name, config_.self, o.destination, o.id, why, o.image_cached,
          o.image_cached ? 0 : std::uint32_t(o.image.size()), o.snapshot_size, o.started);
    o.state = OutState::free;
}

// The attempt is over before the ownership point: the program runs on here.
void Migrator::source_resume(Millis, Outgoing& o, Reason why) {
    programs_.resume(o.name);
    source_finish(o, Event::Kind::failed, why);
}

Migrator::Outgoing* Migrator::find_outgoing(MigrationId id, NodeId destination) {
    for (Outgoing& o : out_)
        if (o.state != OutState::free && o.id == id && o.destination == destination) return &o;
    return nullptr;
}

void Migrator::on_from_destination(Millis now, NodeId from, const Message& m) {
    const Header& h = m.header;
    // About an earlier life of this node: nothing of it survives here.
    if (h.receiver_incarnation != config_.incarnation) {
        if (h.type != Type::abort) reply_unknown(from, h);
        return;
    }
    Outgoing* op = find_outgoing(h.id, from);
    if (op == nullptr) {
        const Finished* f = recall(Role::source, config_.self, config_.incarnation, h.id);
        if (f == nullptr) {
            if (h.type != Type::abort) reply_unknown(from, h);
            else stats_.ignored++;
            return;
        }
        if (h.type == Type::committed) {
            send_verdict(from, h.id, f->outcome, h.sender_incarnation);
            return;
        }
        // Late duplicates of a finished migration: the outcome again.
        if (h.type == Type::accept || h.type == Type::ready || h.type == Type::data_ack) {
            if (f->outcome == Outcome::committed || f->outcome == Outcome::lost)
                reply_plain(from, h, Type::commit);
            else
                reply_plain(from, h, Type::abort, Reason::cancelled);
        } else {
            stats_.ignored++;
        }
        return;
    }
    Outgoing& o = *op;
    switch (h.type) {
        case Type::accept:
            if (o.state == OutState::offering) {
                o.destination_incarnation = h.sender_incarnation;
                o.image_cached = m.image_cached;
                o.state = OutState::sending;
                o.last_progress = now;
                o.next_retry = now + config_.retry_ms;
                o.next_send = 0;
                send_window(now, o);
            } else if (o.state == OutState::committing) {
                send_to_destination(o, Type::commit);
            } else if (o.state == OutState::aborting) {
                send_to_destination(o, Type::abort, o.abort_reason);
            } else {
                stats_.ignored++;
            }
            break;
        case Type::refuse:
            if (o.state == OutState::offering) source_resume(now, o, m.reason);
            else stats_.ignored++;
            break;
        case Type::data_ack:
            if (o.state == OutState::sending && h.sender_incarnation == o.destination_incarnation) {
                std::uint32_t before = acked_total(o);
                for (int s = 0; s < 2; s++)
                    if (m.acked[s] > o.acked[s]) o.acked[s] = m.acked[s];
                std::uint32_t image_len = std::uint32_t(o.image.size());
                if (o.acked[0] > image_len) o.acked[0] = image_len;
                if (o.acked[1] > o.snapshot_size) o.acked[1] = o.snapshot_size;
                if (acked_total(o) > before) {
                    o.last_progress = now;
                    o.next_retry = now + config_.retry_ms;
                }
                send_window(now, o);
            } else {
                stats_.ignored++;
            }
            break;
        case Type::ready:
            if (o.state == OutState::sending && h.sender_incarnation == o.destination_incarnation) {
                // THE OWNERSHIP POINT: from here on this node never runs its copy again.
                o.state = OutState::committing;
                o.next_retry = now + config_.retry_ms;
                send_to_destination(o, Type::commit);
            } else if (o.state == OutState::committing) {
                send_to_destination(o, Type::commit);
            } else if (o.state == OutState::aborting) {
                send_to_destination(o, Type::abort, o.abort_reason);
            } else {
                stats_.ignored++;
            }
            break;
        case Type::committed:
            if (o.state == OutState::committing) {
                programs_.drop(o.name);
                source_finish(o, Event::Kind::moved, Reason::none);
                send_verdict(from, h.id, Outcome::committed, h.sender_incarnation);
            } else {
                stats_.ignored++;
            }
            break;
        case Type::abort:
            // The destination dropped the attempt (or answers ours): before the ownership
            // point the program is ours, so it runs on here.
            if (o.state == OutState::committing) stats_.ignored++;
            else source_resume(now, o, o.state == OutState::aborting ? o.abort_reason : m.reason);
            break;
        case Type::unknown:
            if (o.state == OutState::committing) {
                // Same life of the destination (a restart was handled by observe()): it ran
                // the program and has forgotten the migration since.
                programs_.drop(o.name);
                source_finish(o, Event::Kind::moved, Reason::none);
            } else if (o.state == OutState::sending || o.state == OutState::aborting) {
                source_resume(now, o, o.state == OutState::aborting ? o.abort_reason
                                                                    : Reason::timeout);
            } else {
                stats_.ignored++;  // offering: our offer is still on its way
            }
            break;
        default: stats_.ignored++; break;
    }
}

// ---- destination --------------------------------------------------------------------

Migrator::Incoming* Migrator::find_incoming(NodeId source, Incarnation source_incarnation,
                                            MigrationId id) {
    for (Incoming& in : in_)
        if (in.state != InState::free && in.source == source &&
            in.source_incarnation == source_incarnation && in.id == id)
            return &in;
    return nullptr;
}

void Migrator::send_to_source(Incoming& in, Type t, Reason r) {
    Message m;
    m.header.type = t;
    m.header.from_source = false;
    m.header.id = in.id;
    m.header.sender_incarnation = config_.incarnation;
    m.header.receiver_incarnation = in.source_incarnation;
    m.reason = r;
    m.image_cached = in.image_cached;
    m.acked[0] = in.image_cached ? in.offer.image_size : in.received[0];
    m.acked[1] = in.received[1];
    emit(m, in.source);
}

void Migrator::destination_drop(Incoming& in, Event::Kind kind, Reason why, bool tell_source) {
    if (in.state == InState::ready) programs_.drop(in.offer.name);
    remember(Role::destination, in.source, in.source_incarnation, in.id,
             kind == Event::Kind::lost ? Outcome::lost : Outcome::aborted);
    if (tell_source) send_to_source(in, Type::abort, why);
    event(kind, Role::destination, in.offer.name, in.source, config_.self, in.id, why,
          in.image_cached, in.image_cached ? 0 : in.offer.image_size, in.offer.snapshot_size,
          in.started);
    in.state = InState::free;
}

void Migrator::destination_run(Millis now, Incoming& in, Reason why) {
    programs_.resume(in.offer.name);
    remember(Role::destination, in.source, in.source_incarnation, in.id, Outcome::committed);
    event(Event::Kind::moved, Role::destination, in.offer.name, in.source, config_.self, in.id,
          why, in.image_cached, in.image_cached ? 0 : in.offer.image_size,
          in.offer.snapshot_size, in.started);
    // It runs; until the source confirms it dropped its copy, it stays here (start() says
    // busy), and committed is resent.
    in.state = why == Reason::peer_reset ? InState::free : InState::confirming;
    in.next_retry = now + config_.retry_ms;
}

void Migrator::on_offer(Millis now, NodeId from, const Message& m) {
    const Header& h = m.header;
    const Offer& o = m.offer;
    auto refuse = [&](Reason r) { reply_plain(from, h, Type::refuse, r); };
    if (o.image_version != config_.image_version || o.snapshot_version != config_.snapshot_version)
        return refuse(Reason::version);
    if ((o.builtins & ~programs_.builtins()) != 0) return refuse(Reason::builtins);
    if (o.image_size > MIGRATION_IMAGE_BYTES || o.snapshot_size > MIGRATION_SNAPSHOT_BYTES)
        return refuse(Reason::too_large);
    if (o.memory_bytes > programs_.free_memory()) return refuse(Reason::memory);
    if (programs_.name_taken(o.name) || in_progress(o.name)) return refuse(Reason::name_taken);
    Incoming* slot = nullptr;
    for (Incoming& in : in_)
        if (in.state == InState::free) {
            slot = &in;
            break;
        }
    if (slot == nullptr) return refuse(Reason::busy);

    Incoming& in = *slot;
    in.state = InState::receiving;
    in.id = h.id;
    in.source = from;
    in.source_incarnation = h.sender_incarnation;
    in.offer = o;
    in.received[0] = in.received[1] = 0;
    in.image_cached = false;
    std::span<const std::uint8_t> cached;
    if (programs_.cached_image(o.image_hash, &cached) && cached.size() == o.image_size) {
        std::memcpy(in.image, cached.data(), cached.size());
        in.image_cached = true;
        in.received[0] = o.image_size;
    }
    in.started = now;
    in.last_progress = now;
    in.next_retry = now + config_.retry_ms;
    send_to_source(in, Type::accept);
}

void Migrator::on_data(Millis now, Incoming& in, const Message& m) {
    const Data& d = m.data;
    const int s = d.stream == Stream::image ? 0 : 1;
    std::uint8_t* buf = s == 0 ? in.image : in.snapshot;
    const std::uint32_t size = s == 0 ? in.offer.image_size : in.offer.snapshot_size;
    const std::uint32_t end = d.offset + d.length;
    if (s == 0 && in.image_cached) {
        stats_.ignored++;
    } else if (end > size) {
        stats_.ignored++;  // past the size the offer announced: not part of this program
    } else if (d.offset <= in.received[s] && end > in.received[s]) {
        // Extends the contiguous prefix (chunks beyond it are resent by the source).
        std::uint32_t from = in.received[s] - d.offset;
        std::memcpy(buf + in.received[s], d.bytes + from, end - in.received[s]);
        in.received[s] = end;
        in.last_progress = now;
    }
    complete_if_done(now, in);
    if (in.state == InState::receiving) send_to_source(in, Type::data_ack);
}

void Migrator::complete_if_done(Millis now, Incoming& in) {
    if (in.state != InState::receiving) return;
    if (in.received[0] < in.offer.image_size || in.received[1] < in.offer.snapshot_size) return;
    // Every byte is here: check the image is the one offered, then let the runtime verify
    // it and restore the snapshot paused. Nothing has run yet.
    ccbpf::ImageView view{};
    char why[8];
    if (!ccbpf::image_parse(in.image, in.offer.image_size, &view, why, sizeof why) ||
        view.hash != in.offer.image_hash) {
        destination_drop(in, Event::Kind::failed, Reason::image_rejected, true);
        return;
    }
    Reason r = programs_.restore_paused(
        in.offer.name, std::span<const std::uint8_t>(in.image, in.offer.image_size),
        std::span<const std::uint8_t>(in.snapshot, in.offer.snapshot_size));
    if (r != Reason::none) {
        destination_drop(in, Event::Kind::failed, r, true);
        return;
    }
    in.state = InState::ready;
    in.next_retry = now + config_.retry_ms;
    send_to_source(in, Type::ready);
}

void Migrator::on_from_source(Millis now, NodeId from, const Message& m) {
    const Header& h = m.header;
    // Addressed to an earlier life of this node (its attempt died with the reset): the
    // answer, from this life, tells the source so (an aborting source waits for it).
    if (h.receiver_incarnation != 0 && h.receiver_incarnation != config_.incarnation) {
        reply_unknown(from, h);
        return;
    }
    Incoming* ip = find_incoming(from, h.sender_incarnation, h.id);
    if (ip == nullptr) {
        const Finished* f = recall(Role::destination, from, h.sender_incarnation, h.id);
        if (f != nullptr) {
            if (f->outcome == Outcome::committed) {
                if (h.type != Type::abort) reply_plain(from, h, Type::committed);
            } else if (h.type == Type::abort) {
                stats_.ignored++;  // already dropped; our abort answered it before
                reply_plain(from, h, Type::abort, m.reason);
            } else {
                reply_plain(from, h, Type::abort, Reason::cancelled);
            }
            return;
        }
        switch (h.type) {
            case Type::offer: on_offer(now, from, m); break;
            case Type::abort:
                // An abort for an attempt we never saw: remember it, so that its offer,
                // arriving late, is not taken up; and confirm.
                remember(Role::destination, from, h.sender_incarnation, h.id, Outcome::aborted);
                reply_plain(from, h, Type::abort, m.reason);
                break;
            default: reply_unknown(from, h); break;
        }
        return;
    }
    Incoming& in = *ip;
    if (in.state == InState::confirming) {
        if (h.type != Type::abort) send_to_source(in, Type::committed);
        else stats_.ignored++;
        return;
    }
    switch (h.type) {
        case Type::offer:
            send_to_source(in, in.state == InState::ready ? Type::ready : Type::accept);
            break;
        case Type::data:
            if (in.state == InState::receiving) on_data(now, in, m);
            else send_to_source(in, Type::ready);
            break;
        case Type::commit:
            if (in.state == InState::ready) {
                destination_run(now, in, Reason::none);
                reply_plain(from, h, Type::committed);
            } else {
                stats_.ignored++;  // cannot happen: commit follows our ready
            }
            break;
        case Type::abort: {
            Reason why = m.reason;
            destination_drop(in, Event::Kind::failed, why, false);
            reply_plain(from, h, Type::abort, why);
            break;
        }
        default: stats_.ignored++; break;
    }
}

// ---- both ---------------------------------------------------------------------------

// `node` lives with `incarnation`: if that is newer than the life a migration here talks
// to, the peer restarted and lost its side of it.
void Migrator::observe(Millis now, NodeId node, Incarnation incarnation) {
    for (Outgoing& o : out_) {
        if (o.state == OutState::free || o.destination != node) continue;
        if (o.destination_incarnation == 0 || incarnation <= o.destination_incarnation) continue;
        if (o.state == OutState::committing) {
            // The destination owned it and its copy died with it.
            programs_.drop(o.name);
            source_finish(o, Event::Kind::lost, Reason::peer_reset);
        } else {
            // Its copy (if any) is gone, and its new life refuses our data: ours runs on.
            source_resume(now, o, Reason::peer_reset);
        }
    }
    for (Incoming& in : in_) {
        if (in.state == InState::free || in.source != node) continue;
        if (incarnation <= in.source_incarnation) continue;
        if (in.state == InState::confirming) {
            in.state = InState::free;  // its paused copy died with it: nothing to confirm
        } else if (in.state == InState::ready) {
            // The source's copy died and never ran after our snapshot (docs: "S restarted
            // while D was ready"): ours is the only one.
            destination_run(now, in, Reason::peer_reset);
        } else {
            // The owner restarted before we could hold a copy: the program is lost.
            destination_drop(in, Event::Kind::lost, Reason::peer_reset, false);
        }
    }
}

void Migrator::peer_incarnation(Millis now, NodeId node, Incarnation incarnation) {
    observe(now, node, incarnation);
}

void Migrator::send_verdict(NodeId to, MigrationId id, Outcome outcome,
                            Incarnation receiver_incarnation) {
    Message v;
    v.header.type = Type::verdict;
    v.header.from_source = false;
    v.header.id = id;
    v.header.sender_incarnation = config_.incarnation;
    v.header.receiver_incarnation = receiver_incarnation;
    v.query.source_node = config_.self;
    v.query.source_incarnation = config_.incarnation;
    v.query.outcome = outcome;
    emit(v, to);
}

void Migrator::answer_query(NodeId from, const Message& m) {
    const QueryBody& q = m.query;
    Outcome outcome = Outcome::unknown;
    if (q.source_node == config_.self && q.source_incarnation == config_.incarnation) {
        for (const Outgoing& o : out_)
            if (o.state != OutState::free && o.id == m.header.id) outcome = Outcome::pending;
        if (const Finished* f = recall(Role::source, q.source_node, q.source_incarnation, m.header.id))
            outcome = f->outcome;
    } else {
        if (find_incoming(q.source_node, q.source_incarnation, m.header.id) != nullptr)
            outcome = Outcome::pending;
        else if (const Finished* f = recall(Role::destination, q.source_node,
                                            q.source_incarnation, m.header.id))
            outcome = f->outcome;
    }
    Message v;
    v.header.type = Type::verdict;
    v.header.from_source = false;
    v.header.id = m.header.id;
    v.header.sender_incarnation = config_.incarnation;
    v.header.receiver_incarnation = m.header.sender_incarnation;
    v.query = q;
    v.query.outcome = outcome;
    emit(v, from);
}

void Migrator::on_message(Millis now, NodeId from, std::span<const std::uint8_t> bytes) {
    Message m;
    if (decode(bytes, m) != DecodeError::none || from == 0 || from == config_.self) {
        stats_.rejected++;
        return;
    }
    const Header& h = m.header;
    observe(now, from, h.sender_incarnation);
    switch (h.type) {
        case Type::query: answer_query(from, m); return;
        case Type::verdict: {
            // The source's confirmation that it dropped its copy (answering committed).
            Incoming* in = find_incoming(m.query.source_node, m.query.source_incarnation, h.id);
            if (in != nullptr && in->state == InState::confirming && in->source == from &&
                m.query.outcome != Outcome::pending)
                in->state = InState::free;
            else
                stats_.ignored++;
            return;
        }
        case Type::unknown: {
            // It answers a message we sent: in the role we had in it.
            const Header& e = m.echoed;
            if (e.from_source) {
                if (e.sender_incarnation != config_.incarnation) {
                    stats_.ignored++;
                    return;
                }
                Message as_dest = m;
                as_dest.header.receiver_incarnation = e.sender_incarnation;
                Outgoing* o = find_outgoing(e.id, from);
                if (o != nullptr) on_from_destination(now, from, as_dest);
                else stats_.ignored++;
            } else {
                Incoming* in = find_incoming(from, e.receiver_incarnation, e.id);
                if (in == nullptr) {
                    stats_.ignored++;
                } else if (in->state == InState::confirming) {
                    in->state = InState::free;  // the source no longer holds anything of it
                } else if (h.sender_incarnation == in->source_incarnation &&
                           in->state == InState::receiving) {
                    // The source's same life has no record of it: it gave the attempt up.
                    // (Ready, we wait on: only commit, abort or the source's restart may
                    // settle a copy the source could have committed.)
                    destination_drop(*in, Event::Kind::failed, Reason::cancelled, false);
                } else {
                    stats_.ignored++;  // a newer life: observe() has dealt with it
                }
            }
            return;
        }
        default: break;
    }
    if (h.from_source) on_from_source(now, from, m);
    else on_from_destination(now, from, m);
}

void Migrator::poll(Millis now) {
    for (Outgoing& o : out_) {
        if (o.state == OutState::free || now < o.next_retry) continue;
        o.next_retry = now + config_.retry_ms;
        switch (o.state) {
            case OutState::offering:
                if (now - o.started >= config_.offer_timeout_ms) {
                    // No data was ever sent: the destination cannot be ready, so the program
                    // may run on at once; the abort only tidies up the other side.
                    send_to_destination(o, Type::abort, Reason::timeout);
                    source_resume(now, o, Reason::timeout);
                } else {
                    send_offer(o);
                }
                break;
            case OutState::sending:
                if (now - o.last_progress >= config_.transfer_timeout_ms) {
                    o.state = OutState::aborting;
                    o.abort_reason = Reason::timeout;
                    send_to_destination(o, Type::abort, o.abort_reason);
                } else {
                    o.next_send = acked_total(o);  // go back to what is acknowledged
                    send_window(now, o);
                }
                break;
            case OutState::aborting: send_to_destination(o, Type::abort, o.abort_reason); break;
            case OutState::committing: send_to_destination(o, Type::commit); break;
            case OutState::free: break;
        }
    }
    for (Incoming& in : in_) {
        if (in.state == InState::free || now < in.next_retry) continue;
        in.next_retry = now + config_.retry_ms;
        if (in.state == InState::receiving) {
            if (now - in.last_progress >= config_.receive_timeout_ms)
                destination_drop(in, Event::Kind::failed, Reason::timeout, true);
            else
                send_to_source(in, in.received[1] == 0 && in.received[0] == (in.image_cached ? in.offer.image_size : 0)
                                       ? Type::accept
                                       : Type::data_ack);
        } else if (in.state == InState::confirming) {
            send_to_source(in, Type::committed);
        } else {
            send_to_source(in, Type::ready);  // forever: only the source can settle it
        }
    }
}

}  // namespace tern::migration
