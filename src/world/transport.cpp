// The transport's protocol core. Wire format and state machine: docs/world-transport.md.
#include "tern/world/transport.hpp"

#include <bit>
#include <cstring>

namespace tern::world {
using namespace transport;

namespace {
constexpr std::uint8_t kNone = 0xFF;
constexpr std::uint8_t kFree = 0, kQueued = 1, kSent = 2;
constexpr std::uint8_t kAckDue = 1, kTiming = 2, kTimer = 4;

// Sequence numbers and 32-bit times compare in serial arithmetic (they may wrap).
bool before(std::uint32_t a, std::uint32_t b) { return std::int32_t(a - b) < 0; }

// Little-endian fields. On a little-endian CPU a copy is the conversion (and compiles to
// one load or store where unaligned access is allowed, as on the Cortex-M3).
void put32(std::uint8_t* p, std::uint32_t v) {
    if constexpr (std::endian::native == std::endian::little)
        std::memcpy(p, &v, 4);
    else
        for (int i = 0; i < 4; ++i) p[i] = std::uint8_t(v >> (8 * i));
}
std::uint32_t get32(const std::uint8_t* p) {
    if constexpr (std::endian::native == std::endian::little) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    return p[0] | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}
}  // namespace

TransportCore::TransportCore(const Storage& storage, Incarnation self)
    : st_(storage), self_(self) {
    re_.owner = re_.reserved = kNone;
}

Peer* TransportCore::find(NodeId node) const {
    for (Peer* p = st_.peers; p != st_.peers + st_.peer_count; ++p)
        if (p->node == node) return p;
    return nullptr;
}

Peer* TransportCore::find_or_add(NodeId node) {
    if (node == 0 || node == 0xFFFF) return nullptr;
    if (Peer* p = find(node)) return p;
    Peer* p = find(0);
    if (p) {
        *p = Peer{};
        p->node = node;
        p->rto = kInitialRtoMs;
    }
    return p;
}

std::uint32_t TransportCore::fragments_of(std::uint32_t length) const {
    std::uint32_t payload = fragment_payload();
    return length == 0 ? 1 : (length + payload - 1) / payload;
}

bool TransportCore::has_queued(std::uint8_t peer) const {
    for (std::uint32_t k = 0; k < msg_count_; ++k)
        if (slot(k).state == kQueued && slot(k).peer == peer) return true;
    return false;
}

// Something is in flight that needs the retransmission timer: a hello (the peer's
// incarnation is not known and a message waits for it) or a transmitted, unacked fragment.
bool TransportCore::outstanding(const Peer& p) const {
    if (p.incarnation == 0) return has_queued(index(p));
    return before(p.una, p.sent_high);
}

void TransportCore::arm(Peer& p) {
    std::uint32_t rto = p.rto << p.backoff;  // p.rto <= kMaxRtoMs, backoff <= 5
    if (rto > kMaxRtoMs) rto = kMaxRtoMs;
    p.rto_at = now_ + rto;
    p.flags |= kTimer;
}

// The peer answered with something new: restart the timer from scratch.
void TransportCore::progress(Peer& p) {
    p.backoff = p.retries = 0;
    p.last_progress = now_;
    p.flags &= std::uint8_t(~kTimer);
    if (outstanding(p)) arm(p);
    dirty_ = true;
}

SendResult TransportCore::send(Millis now, NodeId dst, std::span<const std::uint8_t> message) {
    now_ = std::uint32_t(now), now_full_ = now;
    if (message.size() > st_.max_message) return {0, SendError::too_big};
    Peer* p = find_or_add(dst);
    if (!p) return {0, SendError::no_such_peer};
    std::uint32_t n = std::uint32_t(message.size());
    if (msg_count_ == st_.queue || ring_used_ + n > st_.send_bytes)
        return {0, SendError::queue_full};
    if (msg_count_ == 0) ring_head_ = 0;
    Message& m = slot(msg_count_++);
    if (++next_id_ == 0) next_id_ = 1;
    m = Message{next_id_, 0, (ring_head_ + ring_used_) % st_.send_bytes, n, index(*p), kQueued};
    copy_ring(m.offset, nullptr, message.data(), n);
    ring_used_ += n;
    dirty_ = true;
    return {m.id, SendError::none};
}

// Copies n bytes into the ring at offset (from != nullptr) or out of it into `to`.
void TransportCore::copy_ring(std::uint32_t offset, std::uint8_t* to, const std::uint8_t* from,
                              std::uint32_t n) const {
    while (n) {
        std::uint32_t chunk = st_.send_bytes - offset;
        if (chunk > n) chunk = n;
        if (from)
            std::memcpy(st_.send_buffer + offset, from, chunk), from += chunk;
        else
            std::memcpy(to, st_.send_buffer + offset, chunk), to += chunk;
        n -= chunk;
        offset = 0;
    }
}

// Ends a message with its one event and frees its slot (and, once it is the oldest, its
// bytes: the ring gives space back in the order it was taken).
void TransportCore::finish(Message& m, TransportSink& sink, bool acked, LossReason why) {
    NodeId dst = st_.peers[m.peer].node;
    std::uint32_t id = m.id;
    m.state = kFree;
    while (msg_count_ && slot(0).state == kFree) {
        ring_head_ = (ring_head_ + slot(0).length) % st_.send_bytes;
        ring_used_ -= slot(0).length;
        msg_first_ = std::uint8_t((msg_first_ + 1) % st_.queue);
        --msg_count_;
    }
    if (acked)
        sink.acked(dst, id);
    else
        sink.lost(dst, id, why);
}

void TransportCore::lose_all(Peer& p, TransportSink& sink, bool queued_too, LossReason why) {
    std::uint8_t peer = index(p);
    for (std::uint32_t k = 0; k < msg_count_; ++k) {
        Message& m = slot(k);
        if (m.peer == peer && (m.state == kSent || (queued_too && m.state == kQueued))) {
            finish(m, sink, false, why);
            k = std::uint32_t(-1);  // finish() may have moved the ring's front: rescan
        }
    }
}

// Both directions start again at sequence 0: a new pair of incarnations is a new stream.
void TransportCore::restart_streams(Peer& p) {
    p.next_seq = p.sent_high = p.una = p.have = p.sack = 0;
    p.expected = 0;
    p.backoff = p.retries = 0;
    p.flags = 0;
    p.waiting_since = 0;
    std::uint8_t i = index(p);
    if (re_.owner == i) release_reassembly();
    if (re_.reserved == i) re_.reserved = kNone;
}

// The peer's incarnation is `inc`, larger than the one known: a new stream both ways.
void TransportCore::learn(Peer& p, Incarnation inc, TransportSink& sink) {
    bool was_known = p.incarnation != 0;
    // Before anything is emitted, so that a send() from a callback joins the new stream.
    restart_streams(p);
    p.incarnation = inc;
    if (was_known) {
        lose_all(p, sink, false, LossReason::peer_reset);
        sink.peer_reset(p.node, inc);
    }
    progress(p);
}

void TransportCore::on_incarnation(Millis now, NodeId node, Incarnation inc, TransportSink& sink) {
    now_ = std::uint32_t(now), now_full_ = now;
    Peer* p = node ? find(node) : nullptr;
    if (p && inc > p->incarnation) learn(*p, inc, sink);
}

void TransportCore::on_packet(Millis now, NodeId src, std::span<const std::uint8_t> bytes,
                              TransportSink& sink) {
    now_ = std::uint32_t(now), now_full_ = now;
    const std::uint8_t* b = bytes.data();
    if (bytes.size() < kHeaderBytes || b[0] != kVersion || b[1] > 2 || b[2] || b[3] ||
        (b[1] == std::uint8_t(Type::data) && bytes.size() < kDataHeaderBytes) ||
        get32(b + 4) == 0) {
        ++counters_.malformed;
        return;
    }
    Incarnation src_inc = get32(b + 4), dst_inc = get32(b + 8);
    Peer* p = find_or_add(src);
    if (!p) {
        ++counters_.no_peer_slot;
        return;
    }
    // Incarnations only grow (plain order: a boot may jump by more than half the range).
    if (src_inc < p->incarnation) {
        ++counters_.stale_incarnation;
        return;
    }
    if (src_inc != p->incarnation) learn(*p, src_inc, sink);
    if (dst_inc != self_) {
        // A hello, or a packet for an older life of this node: answer so the peer learns
        // this incarnation, and use nothing else in it.
        if (dst_inc != 0) ++counters_.wrong_incarnation;
        p->flags |= kAckDue;
        dirty_ = true;
        return;
    }
    // The sender abandoned (and reported lost) everything below `una`: skip to it.
    std::uint32_t una = get32(b + 24);
    if (before(p->expected, una)) {
        if (re_.owner == index(*p)) release_reassembly();
        p->expected = una;
        p->flags |= kAckDue;
        dirty_ = true;
    }
    on_ack(*p, get32(b + 12), get32(b + 16), get32(b + 20), sink);
    if (b[1] == std::uint8_t(Type::data)) on_data(*p, bytes, sink);
}

void TransportCore::on_ack(Peer& p, std::uint32_t ack, std::uint32_t have, std::uint32_t sack,
                           TransportSink& sink) {
    // An ack of something never sent is forged or from a stream we no longer have.
    if (before(have, ack) || before(p.sent_high, have) || before(ack, p.una))
        return;
    bool advanced = before(p.una, ack) || before(p.have, have);
    std::uint8_t peer = index(p);
    if (before(p.una, ack)) {  // whole messages delivered
        p.una = ack;
        for (std::uint32_t k = 0; k < msg_count_; ++k) {
            Message& m = slot(k);
            if (m.peer == peer && m.state == kSent &&
                !before(ack, m.first_seq + fragments_of(m.length))) {
                finish(m, sink, true, LossReason::timeout);
                k = std::uint32_t(-1);
            }
        }
    }
    // The latest ack says what the peer holds now (it may have dropped a partial message).
    p.have = before(have, p.una) ? p.una : have;
    p.sack = sack;
    if (p.flags & kTiming) {
        std::uint32_t seq = p.timed_seq;
        std::uint32_t bit = seq - p.have - 1;
        if (before(seq, p.have) || (bit < 32 && (sack >> bit) & 1)) {
            // RFC 6298 (2.2)-(2.3) with alpha 1/8, beta 1/4, in fixed point.
            std::uint32_t r = now_ - p.timed_at;
            if (r == 0) r = 1;
            if (p.srtt8 == 0) {
                p.srtt8 = r * 8, p.rttvar4 = r * 2;
            } else {
                std::uint32_t srtt = p.srtt8 / 8;
                std::uint32_t err = r > srtt ? r - srtt : srtt - r;
                p.rttvar4 += err - p.rttvar4 / 4;
                p.srtt8 += r - srtt;
            }
            std::uint32_t rto = p.srtt8 / 8 + (p.rttvar4 ? p.rttvar4 : 1);
            p.rto = rto < kMinRtoMs ? kMinRtoMs : rto > kMaxRtoMs ? kMaxRtoMs : rto;
            p.flags &= std::uint8_t(~kTiming);
        }
    }
    if (advanced) progress(p);
}

void TransportCore::on_data(Peer& p, std::span<const std::uint8_t> bytes, TransportSink& sink) {
    const std::uint8_t* b = bytes.data();
    std::uint32_t seq = get32(b + 28), length = get32(b + 32), offset = get32(b + 36);
    std::uint32_t frag = b[40] | std::uint32_t(b[41]) << 8;
    std::uint32_t n = std::uint32_t(bytes.size() - kDataHeaderBytes);
    const std::uint8_t* payload = b + kDataHeaderBytes;
    if (length > st_.max_message || offset > length || n > length - offset ||
        (n == 0 && length != 0) || frag >= st_.max_fragments || (frag == 0) != (offset == 0) ||
        before(seq - frag, get32(b + 24))) {
        ++counters_.malformed;
        return;
    }
    p.flags |= kAckDue;  // whatever happens, the sender hears where we are
    dirty_ = true;
    std::uint32_t first = seq - frag;
    if (before(seq, p.expected)) {
        ++counters_.duplicates;
        return;
    }
    if (first != p.expected) {  // a later message: it waits for this one
        ++counters_.out_of_order;
        return;
    }
    std::uint8_t i = index(p);
    if (n == length && re_.owner != i) {  // a whole message in one packet: no copy
        p.expected = seq + 1;
        sink.delivered(p.node, {payload, n});
        return;
    }
    if (!take_reassembly(p, length)) {
        ++counters_.busy;
        return;
    }
    if (re_.length != length) {
        ++counters_.malformed;
        return;
    }
    std::uint32_t& word = st_.fragment_bits[frag / 32];
    std::uint32_t bit = 1u << (frag % 32);
    if (word & bit) {
        ++counters_.duplicates;
        return;
    }
    word |= bit;
    std::memcpy(st_.reassembly + offset, payload, n);
    re_.received += n;
    re_.last_activity = now_;
    if (offset + n == length) re_.fragments = std::uint16_t(frag + 1);
    if (re_.fragments && re_.received == length) {
        p.expected = first + re_.fragments;
        release_reassembly();  // nothing touches the buffer until after the callback
        sink.delivered(p.node, {st_.reassembly, length});
    }
}

bool TransportCore::take_reassembly(Peer& p, std::uint32_t length) {
    std::uint8_t i = index(p);
    if (re_.owner == i) return true;
    bool idle_owner = re_.owner != kNone && !before(now_, re_.last_activity + kStealMs);
    bool reserved_other = re_.reserved != kNone && re_.reserved != i &&
                          before(now_, re_.reserved_until);
    if ((re_.owner != kNone && !idle_owner) || (re_.owner == kNone && reserved_other)) {
        if (!p.waiting_since) p.waiting_since = now_ | 1;
        return false;
    }
    // An idle owner loses its partial message; its selective acks were only hints, so it
    // sends those fragments again later.
    std::memset(st_.fragment_bits, 0, (st_.max_fragments + 31u) / 32u * 4u);
    re_ = Reassembly{p.expected, length, 0, now_, 0, 0, i, kNone};
    p.waiting_since = 0;
    return true;
}

// The buffer goes to whoever has waited longest for it, if anyone has.
void TransportCore::release_reassembly() {
    re_.owner = re_.reserved = kNone;
    std::uint32_t longest = 0;
    for (Peer* q = st_.peers; q != st_.peers + st_.peer_count; ++q) {
        std::uint32_t waited = now_ - q->waiting_since;
        if (q->waiting_since && (re_.reserved == kNone || waited > longest))
            re_.reserved = index(*q), longest = waited;
    }
    re_.reserved_until = now_ + kReserveMs;
}

void TransportCore::poll(Millis now, TransportSink& sink) {
    now_ = std::uint32_t(now), now_full_ = now;
    dirty_ = false;
    for (Peer* p = st_.peers; p != st_.peers + st_.peer_count; ++p) {
        if (p->node == 0) continue;
        if ((p->flags & kTimer) && !before(now_, p->rto_at)) on_timeout(*p, sink);
        if (p->incarnation == 0) {
            if (!(p->flags & kTimer) && has_queued(index(*p))) {
                emit(*p, Type::hello, kHeaderBytes, sink);
                progress(*p);
            }
            continue;
        }
        std::uint8_t peer = index(*p);
        bool was_outstanding = outstanding(*p);
        while (before(p->sent_high, p->have + st_.window)) {
            if (p->sent_high == p->next_seq) {  // the next message gets its sequence numbers
                Message* next = nullptr;
                for (std::uint32_t k = 0; k < msg_count_ && !next; ++k)
                    if (slot(k).state == kQueued && slot(k).peer == peer) next = &slot(k);
                if (!next) break;
                next->state = kSent;
                next->first_seq = p->next_seq;
                p->next_seq += fragments_of(next->length);
            }
            if (!(p->flags & kTiming)) {
                p->flags |= kTiming;
                p->timed_seq = p->sent_high;
                p->timed_at = now_;
            }
            transmit(*p, p->sent_high++, sink);
        }
        if (!was_outstanding && outstanding(*p)) progress(*p);
        if (p->flags & kAckDue) emit(*p, Type::ack, kHeaderBytes, sink);
    }
    dirty_ = false;
}

void TransportCore::on_timeout(Peer& p, TransportSink& sink) {
    ++counters_.timeouts;
    if (p.retries >= kMaxRetries && !before(now_, p.last_progress + kGiveUpMs)) {
        // Everything for this peer is lost; later messages start past it (una).
        lose_all(p, sink, true, LossReason::timeout);
        p.una = p.have = p.sent_high = p.next_seq;
        p.sack = 0;
        p.flags &= std::uint8_t(~(kTimer | kTiming));
        p.backoff = p.retries = 0;
        return;
    }
    ++p.retries;
    if (p.backoff < 5) ++p.backoff;
    p.flags &= std::uint8_t(~kTiming);  // Karn: no RTT sample across a retransmission
    arm(p);
    if (p.incarnation == 0) {
        emit(p, Type::hello, kHeaderBytes, sink);
        return;
    }
    // From the second timeout in a row, the selective acks are not trusted (the peer may
    // have dropped a partial message).
    if (p.backoff >= 2) p.have = p.una, p.sack = 0;
    bool any = false;
    for (std::uint32_t seq = p.have; before(seq, p.sent_high) &&
                                     before(seq, p.have + st_.window); ++seq) {
        std::uint32_t bit = seq - p.have - 1;
        if (bit < 32 && (p.sack >> bit) & 1) continue;
        transmit(p, seq, sink);
        ++counters_.retransmits;
        any = true;
    }
    // Everything is held but the ack that completes it was lost: ask again.
    if (!any) transmit(p, p.una, sink), ++counters_.retransmits;
}

void TransportCore::transmit(Peer& p, std::uint32_t seq, TransportSink& sink) {
    std::uint8_t peer = index(p);
    for (std::uint32_t k = 0; k < msg_count_; ++k) {
        Message& m = slot(k);
        if (m.peer != peer || m.state != kSent || before(seq, m.first_seq) ||
            !before(seq, m.first_seq + fragments_of(m.length)))
            continue;
        std::uint32_t frag = seq - m.first_seq;
        std::uint32_t offset = frag * fragment_payload();
        std::uint32_t n = m.length - offset;
        if (n > fragment_payload()) n = fragment_payload();
        std::uint8_t* b = st_.scratch;
        put32(b + 28, seq);
        put32(b + 32, m.length);
        put32(b + 36, offset);
        b[40] = std::uint8_t(frag), b[41] = std::uint8_t(frag >> 8);
        copy_ring((m.offset + offset) % st_.send_bytes, b + kDataHeaderBytes, nullptr, n);
        emit(p, Type::data, kDataHeaderBytes + n, sink);
        return;
    }
}

// Fills in the common header (with the ack of the reverse direction) and hands it over.
void TransportCore::emit(Peer& p, Type type, std::size_t length, TransportSink& sink) {
    std::uint8_t* b = st_.scratch;
    b[0] = kVersion, b[1] = std::uint8_t(type), b[2] = b[3] = 0;
    put32(b + 4, self_);
    put32(b + 8, type == Type::hello ? 0 : p.incarnation);
    std::uint32_t have = p.expected, sack = 0;
    if (re_.owner == index(p)) {
        std::uint32_t k = 0;
        while (k < st_.max_fragments && (st_.fragment_bits[k / 32] >> (k % 32)) & 1) ++k;
        have = p.expected + k;
        for (std::uint32_t i = 0; i < 32; ++i) {
            std::uint32_t f = k + 1 + i;
            if (f < st_.max_fragments && (st_.fragment_bits[f / 32] >> (f % 32)) & 1)
                sack |= 1u << i;
        }
    }
    put32(b + 12, p.expected);
    put32(b + 16, have);
    put32(b + 20, sack);
    put32(b + 24, p.una);
    p.flags &= std::uint8_t(~kAckDue);
    sink.packet(p.node, {b, length});
}

Millis TransportCore::next_deadline() const {
    if (dirty_) return now_full_;
    Millis best = kNever;
    for (const Peer* p = st_.peers; p != st_.peers + st_.peer_count; ++p) {
        if (p->node == 0 || !(p->flags & kTimer)) continue;
        std::int32_t in = std::int32_t(p->rto_at - now_);
        Millis at = in <= 0 ? now_full_ : now_full_ + Millis(in);
        if (at < best) best = at;
    }
    return best;
}

PeerInfo TransportCore::peer_info(NodeId node) const {
    const Peer* p = node ? find(node) : nullptr;
    if (!p) return PeerInfo{0, 0, kInitialRtoMs, 0};
    return PeerInfo{p->incarnation, p->srtt8 / 8, p->rto, p->sent_high - p->una};
}

}  // namespace tern::world
