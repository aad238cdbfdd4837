// The world's network layer: hellos, link-state adverts, routes, forwarding, liveness.
// docs/world-network.md explains the choices; docs/world-wire.md has the bytes.
#include "tern/world/network.hpp"

namespace tern::world {

using namespace net;

namespace {
void put16(std::uint8_t* p, std::uint16_t v) { p[0] = std::uint8_t(v), p[1] = std::uint8_t(v >> 8); }
void put32(std::uint8_t* p, std::uint32_t v) { put16(p, std::uint16_t(v)), put16(p + 2, std::uint16_t(v >> 16)); }
std::uint16_t get16(const std::uint8_t* p) { return std::uint16_t(p[0] | p[1] << 8); }
std::uint32_t get32(const std::uint8_t* p) { return get16(p) | std::uint32_t(get16(p + 2)) << 16; }

bool valid_id(NodeId id) { return id != kNoNode && id != kBroadcast; }

void copy_name(char* to, const char* from) {
    std::size_t i = 0;
    for (; i < kNameMax && from[i]; i++) to[i] = from[i];
    for (; i < kNameSize; i++) to[i] = 0;
}

// A wire name: NUL padded, at least one byte, a valid name.
bool read_name(const std::uint8_t* p, char* out) {
    for (std::size_t i = 0; i < kNameSize; i++) out[i] = char(p[i]);
    if (out[kNameMax] != 0) return false;
    std::size_t len = 0;
    while (len < kNameSize && out[len]) len++;
    for (std::size_t i = len; i < kNameSize; i++)
        if (out[i]) return false;
    return valid_name(out);
}

// (incarnation, seq) ordering of adverts: a new incarnation beats any sequence number.
int compare_version(Incarnation ia, std::uint32_t sa, Incarnation ib, std::uint32_t sb) {
    if (ia != ib) return ia < ib ? -1 : 1;
    if (sa != sb) return sa < sb ? -1 : 1;
    return 0;
}

std::uint32_t mix(std::uint32_t h) {
    h ^= h >> 16, h *= 0x7FEB352Du, h ^= h >> 15, h *= 0x846CA68Bu, h ^= h >> 16;
    return h;
}
}  // namespace

bool net::valid_name(const char* name) {
    std::size_t n = 0;
    for (; name[n]; n++) {
        const char c = name[n];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok || n >= kNameMax) return false;
    }
    return n > 0;
}

bool net::names_equal(const char* a, const char* b) {
    for (std::size_t i = 0; i < kNameSize; i++) {
        if (a[i] != b[i]) return false;
        if (!a[i]) return true;
    }
    return true;
}

bool make_identity(NodeId id, Incarnation incarnation, const char* name, Identity& out) {
    if (!valid_id(id) || incarnation == 0 || !name || !valid_name(name)) return false;
    out.id = id;
    out.incarnation = incarnation;
    copy_name(out.name, name);
    return true;
}

// ---- messages
ParseError net::parse_type(std::span<const std::uint8_t> p, Type& type) {
    if (p.size() < 2) return ParseError::truncated;
    if (p[0] != kVersion) return ParseError::bad_version;
    if (p[1] < std::uint8_t(Type::hello) || p[1] > std::uint8_t(Type::data)) return ParseError::bad_type;
    type = Type(p[1]);
    return ParseError::none;
}

ParseError net::parse_hello(std::span<const std::uint8_t> p, Hello& h) {
    Type t;
    if (ParseError e = parse_type(p, t); e != ParseError::none) return e;
    if (t != Type::hello) return ParseError::bad_type;
    if (p.size() < kHelloFixed) return ParseError::truncated;
    const std::uint8_t* b = p.data();
    h.id = get16(b + 2);
    h.incarnation = get32(b + 4);
    h.digest = get32(b + 24);
    h.heard_count = b[29];
    if (h.heard_count > kMaxNeighbours || p.size() != kHelloFixed + 2u * h.heard_count) return ParseError::bad_size;
    h.seq = b[28];
    if (!valid_id(h.id) || h.incarnation == 0 || !read_name(b + 8, h.name)) return ParseError::bad_field;
    for (std::size_t i = 0; i < h.heard_count; i++) {
        h.heard[i] = get16(b + kHelloFixed + 2 * i);
        if (!valid_id(h.heard[i])) return ParseError::bad_field;
    }
    return ParseError::none;
}

ParseError net::parse_lsa(std::span<const std::uint8_t> p, Lsa& l) {
    Type t;
    if (ParseError e = parse_type(p, t); e != ParseError::none) return e;
    if (t != Type::lsa) return ParseError::bad_type;
    if (p.size() < kLsaFixed) return ParseError::truncated;
    const std::uint8_t* b = p.data();
    l.origin = get16(b + 2);
    l.incarnation = get32(b + 4);
    l.seq = get32(b + 8);
    l.lifetime_s = get16(b + 12);
    l.count = b[30];
    if (l.count > kMaxNeighbours || p.size() != kLsaFixed + 2u * l.count) return ParseError::bad_size;
    if (!valid_id(l.origin) || l.incarnation == 0 || l.seq == 0 || b[31] != 0 || !read_name(b + 14, l.name))
        return ParseError::bad_field;
    for (std::size_t i = 0; i < l.count; i++) {
        l.neighbours[i] = get16(b + kLsaFixed + 2 * i);
        // ascending and distinct: one canonical advert per neighbour set
        if (!valid_id(l.neighbours[i]) || (i > 0 && l.neighbours[i] <= l.neighbours[i - 1])) return ParseError::bad_field;
    }
    return ParseError::none;
}

ParseError net::parse_data(std::span<const std::uint8_t> p, DataHeader& h, std::span<const std::uint8_t>& payload) {
    Type t;
    if (ParseError e = parse_type(p, t); e != ParseError::none) return e;
    if (t != Type::data) return ParseError::bad_type;
    if (p.size() < kDataHeader) return ParseError::truncated;
    if (p.size() > kDataHeader + kMaxPayload) return ParseError::bad_size;
    const std::uint8_t* b = p.data();
    h.ttl = b[2];
    h.proto = Proto(b[3]);
    h.src = get16(b + 4);
    h.dst = get16(b + 6);
    h.src_incarnation = get32(b + 8);
    h.seq = get32(b + 12);
    if (h.ttl == 0 || !valid_id(h.src) || h.dst == kNoNode || h.src_incarnation == 0 || h.seq == 0)
        return ParseError::bad_field;
    payload = p.subspan(kDataHeader);
    return ParseError::none;
}

std::size_t net::write_hello(const Hello& h, std::span<std::uint8_t> out) {
    const std::size_t n = kHelloFixed + 2u * h.heard_count;
    if (h.heard_count > kMaxNeighbours || out.size() < n) return 0;
    std::uint8_t* b = out.data();
    b[0] = kVersion, b[1] = std::uint8_t(Type::hello);
    put16(b + 2, h.id);
    put32(b + 4, h.incarnation);
    for (std::size_t i = 0; i < kNameSize; i++) b[8 + i] = std::uint8_t(h.name[i]);
    put32(b + 24, h.digest);
    b[28] = h.seq, b[29] = h.heard_count;
    for (std::size_t i = 0; i < h.heard_count; i++) put16(b + kHelloFixed + 2 * i, h.heard[i]);
    return n;
}

std::size_t net::write_lsa(const Lsa& l, std::span<std::uint8_t> out) {
    const std::size_t n = kLsaFixed + 2u * l.count;
    if (l.count > kMaxNeighbours || out.size() < n) return 0;
    std::uint8_t* b = out.data();
    b[0] = kVersion, b[1] = std::uint8_t(Type::lsa);
    put16(b + 2, l.origin);
    put32(b + 4, l.incarnation);
    put32(b + 8, l.seq);
    put16(b + 12, l.lifetime_s);
    for (std::size_t i = 0; i < kNameSize; i++) b[14 + i] = std::uint8_t(l.name[i]);
    b[30] = l.count, b[31] = 0;
    for (std::size_t i = 0; i < l.count; i++) put16(b + kLsaFixed + 2 * i, l.neighbours[i]);
    return n;
}

std::size_t net::write_data(const DataHeader& h, std::span<const std::uint8_t> payload, std::span<std::uint8_t> out) {
    const std::size_t n = kDataHeader + payload.size();
    if (payload.size() > kMaxPayload || out.size() < n) return 0;
    std::uint8_t* b = out.data();
    b[0] = kVersion, b[1] = std::uint8_t(Type::data), b[2] = h.ttl, b[3] = std::uint8_t(h.proto);
    put16(b + 4, h.src);
    put16(b + 6, h.dst);
    put32(b + 8, h.src_incarnation);
    put32(b + 12, h.seq);
    for (std::size_t i = 0; i < payload.size(); i++) b[kDataHeader + i] = payload[i];
    return n;
}

// ---- events
namespace {
struct Writer {
    char* out;
    std::size_t size, at = 0;
    void s(const char* t) {
        while (*t) c(*t++);
    }
    void c(char ch) {
        if (at + 1 < size) out[at++] = ch;
    }
    void u(std::uint32_t v) {
        char d[10];
        int n = 0;
        do d[n++] = char('0' + v % 10), v /= 10;
        while (v);
        while (n) c(d[--n]);
    }
    void name(const char* nm) {
        c('\'');
        for (std::size_t i = 0; i < kNameSize && nm[i]; i++) c(nm[i]);
        c('\'');
    }
};
}  // namespace

std::size_t describe(const Event& e, const Identity& self, char* out, std::size_t size) {
    if (size == 0) return 0;
    Writer w{out, size};
    w.s("world: ");
    switch (e.kind) {
    case EventKind::neighbour_up: w.s("neighbour "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s(") up on link "), w.u(e.link); break;
    case EventKind::neighbour_down: w.s("neighbour id "), w.u(e.node), w.s(" down on link "), w.u(e.link), w.s(" (silent)"); break;
    case EventKind::neighbour_restarted:
        w.s("neighbour "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s(") restarted, incarnation "), w.u(e.incarnation);
        break;
    case EventKind::node_reachable: w.s("node "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s(") reachable"); break;
    case EventKind::node_unreachable: w.s("node "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s(") unreachable"); break;
    case EventKind::conflict_same_id:
        w.s("refused node "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s("): it uses our id "), w.u(self.id), w.s(" (we are ");
        w.name(self.name), w.s(")");
        break;
    case EventKind::conflict_elsewhere:
        w.s("two nodes use id "), w.u(e.node), w.s(": refused "), w.name(e.name), w.s(" here");
        break;
    case EventKind::conflict_same_name:
        w.s("refused node "), w.name(e.name), w.s(" (id "), w.u(e.node), w.s("): it uses our name (we are id "), w.u(self.id);
        w.s(")");
        break;
    }
    out[w.at] = 0;
    return w.at;
}

// ---- the core
NetworkCore::NetworkCore(const Storage& storage, const Identity& self, NetworkIo& io, Millis now, Timing timing)
    : nodes_(storage.nodes), neighbours_(storage.neighbours), links_(storage.links), self_(self), io_(io),
      timing_(timing), now_(now), jitter_state_(mix(std::uint32_t(self.id) * 0x9E3779B9u ^ self.incarnation) | 1u) {
    for (NodeEntry& e : nodes_) e = NodeEntry{};
    for (Neighbour& n : neighbours_) n = Neighbour{};
    for (LinkTimer& l : links_) l.next_hello = now;  // a hello on every link at once
    NodeEntry& me = nodes_[0];  // slot 0 is always this node
    me.id = self_.id;
    me.hops = 0;
    copy_name(me.name, self_.name);
    me.incarnation = self_.incarnation;
    originate();
    update_deadline();
}

NodeEntry* NetworkCore::node(NodeId id) {
    for (NodeEntry& e : live())
        if (e.id == id) return &e;
    return nullptr;
}

const NodeEntry* NetworkCore::find_node(NodeId id) const {
    for (const NodeEntry& e : live())
        if (e.id == id && id != kNoNode) return &e;
    return nullptr;
}

NodeEntry* NetworkCore::alloc_node(NodeId id) {
    NodeEntry* spare = nullptr;  // an entry kept only for its duplicate window
    for (NodeEntry& e : nodes_) {
        if (e.id == kNoNode) {
            spare = &e;
            break;
        }
        if (!e.has_lsa && &e != &own() && !spare) spare = &e;
    }
    if (!spare) {
        counters_.table_full++;
        return nullptr;
    }
    *spare = NodeEntry{};
    spare->id = id;
    if (std::size_t(spare - nodes_.data()) >= used_) used_ = std::size_t(spare - nodes_.data()) + 1;
    spare->hops = 0xFF;
    return spare;
}

Neighbour* NetworkCore::neighbour(NodeId id, std::uint8_t link) {
    for (Neighbour& n : neighbours_)
        if (n.id == id && n.link == link) return &n;
    return nullptr;
}

std::uint32_t NetworkCore::digest() const {
    std::uint32_t d = 0;
    for (const NodeEntry& e : live())
        if (e.has_lsa) d += mix(mix(std::uint32_t(e.id) ^ e.incarnation * 0x85EBCA77u) ^ e.seq);
    return d;
}

void NetworkCore::emit(EventKind kind, std::uint8_t link, NodeId id, Incarnation inc, const char* name) {
    Event e{kind, link, id, inc, {}};
    if (name) copy_name(e.name, name);
    io_.event(e);
}

// True when (kind, id) was not reported in the last kConflictRepeatMs: a console says it
// clearly without being flooded at every hello, and a conflicting advert is passed on at
// most that often (it is not stored, so flooding alone would not stop it on a cycle).
bool NetworkCore::first_report(EventKind kind, NodeId id) {
    Reported* slot = &reported_[0];
    for (Reported& r : reported_) {
        if (r.at != 0 && r.kind == kind && r.id == id) {
            if (now_ - r.at < kConflictRepeatMs) return false;
            slot = &r;
            break;
        }
        if (r.at < slot->at) slot = &r;
    }
    *slot = {kind, id, now_ == 0 ? 1 : now_};
    return true;
}

bool NetworkCore::conflict(EventKind kind, NodeId id, Incarnation inc, const char* name) {
    counters_.conflicts++;
    if (!first_report(kind, id)) return false;
    emit(kind, 0xFF, id, inc, name);
    return true;
}

void NetworkCore::send_hello(std::uint8_t link) {
    Hello h{};
    h.id = self_.id;
    h.incarnation = self_.incarnation;
    copy_name(h.name, self_.name);
    h.digest = digest();
    h.seq = ++hello_seq_;
    for (const Neighbour& n : neighbours_)
        if (n.id != kNoNode && n.link == link && h.heard_count < kMaxNeighbours) h.heard[h.heard_count++] = n.id;
    const std::size_t len = write_hello(h, scratch_);
    io_.transmit(link, {scratch_, len});
}

void NetworkCore::send_lsa(const NodeEntry& e, std::uint8_t link) {
    if (!e.has_lsa || e.expires <= now_) return;
    Lsa l{};
    l.origin = e.id;
    l.incarnation = e.incarnation;
    l.seq = e.seq;
    // Rounded up: rounded down, every later re-send (a database sync, an answer to an older
    // copy) would take up to a second off a copy that is still current. Up costs at most a
    // second per re-send, and a holder never extends its own copy, so nothing lives on.
    const Millis left = (e.expires - now_ + 999) / 1000;
    l.lifetime_s = std::uint16_t(left > 0xFFFF ? 0xFFFF : left);
    copy_name(l.name, e.name);
    l.count = e.count;
    for (std::size_t i = 0; i < e.count; i++) l.neighbours[i] = e.neighbours[i];
    const std::size_t len = write_lsa(l, scratch_);
    io_.transmit(link, {scratch_, len});
}

void NetworkCore::flood(const NodeEntry& e, std::uint8_t except_link) {
    for (std::size_t link = 0; link < links_.size(); link++)
        if (link != except_link) send_lsa(e, std::uint8_t(link));
}

void NetworkCore::sync_database(std::uint8_t link) {
    counters_.db_syncs++;
    for (const NodeEntry& e : live()) send_lsa(e, link);
}

// A new advert of our own: the two-way neighbours, ascending, each once.
void NetworkCore::originate() {
    NodeEntry& me = own();
    me.count = 0;
    for (const Neighbour& n : neighbours_) {
        if (n.id == kNoNode || !n.two_way) continue;
        std::size_t at = 0;
        while (at < me.count && me.neighbours[at] < n.id) at++;
        if (at < me.count && me.neighbours[at] == n.id) continue;  // on two links
        if (me.count == kMaxNeighbours) break;
        for (std::size_t i = me.count; i > at; i--) me.neighbours[i] = me.neighbours[i - 1];
        me.neighbours[at] = n.id;
        me.count++;
    }
    me.seq++;
    me.has_lsa = true;
    me.expires = now_ + timing_.lsa_max_age_ms;
    next_refresh_ = now_ + timing_.lsa_refresh_ms;
    routes_dirty_ = true;
    flood(me, 0xFF);
}

void NetworkCore::drop_neighbour(Neighbour& n) {
    const bool was_up = n.two_way;
    const NodeId id = n.id;
    const std::uint8_t link = n.link;
    n = Neighbour{};
    if (was_up) {
        emit(EventKind::neighbour_down, link, id, 0, nullptr);
        originate();
    }
}

void NetworkCore::advance(Millis now) {
    if (now > now_) now_ = now;
    for (Neighbour& n : neighbours_)
        if (n.id != kNoNode && now_ - n.last_heard >= timing_.dead_ms) drop_neighbour(n);
    for (NodeEntry& e : live()) {
        if (&e == &own() || !e.has_lsa || e.expires > now_) continue;
        e.has_lsa = false;  // aged out; the entry stays for its duplicate window
        e.count = 0;
        routes_dirty_ = true;
    }
    if (now_ >= next_refresh_) originate();
    for (std::size_t link = 0; link < links_.size(); link++) {
        if (now_ < links_[link].next_hello) continue;
        send_hello(std::uint8_t(link));
        // up to 1/8 of a period early, from a per-node sequence: nodes booted together drift apart
        jitter_state_ = jitter_state_ * 1664525u + 1013904223u;
        const Millis jitter = timing_.hello_ms >= 8 ? (jitter_state_ >> 8) % (timing_.hello_ms / 8) : 0;
        links_[link].next_hello = now_ + timing_.hello_ms - jitter;
    }
}

// Kept up to date at the end of every entry point (state changes nowhere else), so that a
// binding or a simulator may ask as often as it likes.
void NetworkCore::update_deadline() {
    Millis t = next_refresh_;
    for (const LinkTimer& l : links_)
        if (l.next_hello < t) t = l.next_hello;
    for (const Neighbour& n : neighbours_)
        if (n.id != kNoNode && n.last_heard + timing_.dead_ms < t) t = n.last_heard + timing_.dead_ms;
    for (std::size_t i = 1; i < used_; i++)
        if (nodes_[i].has_lsa && nodes_[i].expires < t) t = nodes_[i].expires;
    deadline_ = t;
}

void NetworkCore::poll(Millis now) {
    advance(now);
    recompute_routes();
    update_deadline();
}

void NetworkCore::on_hello(std::uint8_t link, const Hello& h) {
    if (h.id == self_.id) {
        if (h.incarnation == self_.incarnation && names_equal(h.name, self_.name)) {
            counters_.looped++;  // our own hello, back through a shared medium
            return;
        }
        conflict(EventKind::conflict_same_id, h.id, h.incarnation, h.name);
        return;
    }
    if (names_equal(h.name, self_.name)) {
        conflict(EventKind::conflict_same_name, h.id, h.incarnation, h.name);
        return;
    }
    Neighbour* n = neighbour(h.id, link);
    if (n && h.incarnation < n->incarnation) {
        counters_.stale++;
        return;
    }
    if (n && h.incarnation > n->incarnation) {
        emit(EventKind::neighbour_restarted, link, h.id, h.incarnation, h.name);
        drop_neighbour(*n);
        n = nullptr;
    }
    // A datagram link can deliver an old hello after a newer one (or twice): what it says
    // about hearing us is out of date, and acting on it would undo the two-way state.
    if (n && std::int8_t(std::uint8_t(h.seq - n->hello_seq)) <= 0) {
        counters_.stale++;
        return;
    }
    bool fresh = false;
    if (!n) {
        for (Neighbour& slot : neighbours_)
            if (slot.id == kNoNode) {
                n = &slot;
                break;
            }
        if (!n) {
            counters_.table_full++;
            return;
        }
        *n = Neighbour{};
        n->id = h.id;
        n->link = link;
        n->incarnation = h.incarnation;
        copy_name(n->name, h.name);
        fresh = true;
    }
    n->last_heard = now_;
    n->hello_seq = h.seq;
    bool hears_us = false;
    for (std::size_t i = 0; i < h.heard_count; i++) hears_us |= h.heard[i] == self_.id;
    if (fresh) send_hello(link);  // it learns at once that we hear it: two-way in one round trip
    if (hears_us != n->two_way) {
        n->two_way = hears_us;
        if (hears_us) {
            emit(EventKind::neighbour_up, link, n->id, n->incarnation, n->name);
            n->last_sync = now_;
            n->digest_mismatches = 0;
            originate();
            sync_database(link);
        } else {
            emit(EventKind::neighbour_down, link, n->id, n->incarnation, n->name);
            originate();
        }
        return;
    }
    // Same databases once flooding settles; two differing hellos in a row mean an advert
    // was lost on the way: send ours (at most once per hello period), theirs comes back.
    if (n->two_way) {
        if (h.digest == digest()) {
            n->digest_mismatches = 0;
        } else if (++n->digest_mismatches >= 2 && now_ - n->last_sync >= timing_.hello_ms) {
            n->digest_mismatches = 0;
            n->last_sync = now_;
            sync_database(link);
        }
    }
}

void NetworkCore::on_lsa(std::uint8_t link, const Lsa& l) {
    if (l.origin == self_.id) {
        const NodeEntry& me = own();
        if (!names_equal(l.name, self_.name) || l.incarnation > self_.incarnation) {
            conflict(EventKind::conflict_same_id, l.origin, l.incarnation, l.name);
            return;
        }
        if (l.incarnation == self_.incarnation && l.seq > me.seq) {
            // ours from before a restart that kept its incarnation: jump past it
            own().seq = l.seq;
            originate();
            return;
        }
        if (compare_version(l.incarnation, l.seq, me.incarnation, me.seq) < 0) {
            counters_.lsa_older++;
            send_lsa(me, link);
        } else {
            counters_.lsa_duplicate++;
        }
        return;
    }
    if (names_equal(l.name, self_.name)) {
        conflict(EventKind::conflict_same_name, l.origin, l.incarnation, l.name);
        return;
    }
    NodeEntry* e = node(l.origin);
    if (e && e->has_lsa && !names_equal(e->name, l.name) && l.incarnation <= e->incarnation) {
        // Two nodes use this id (a node renamed at a reboot comes with a larger
        // incarnation; anything else under another name is another node): keep the one we
        // have, pass the other on so both ends learn of each other and refuse.
        if (conflict(EventKind::conflict_elsewhere, l.origin, l.incarnation, l.name)) {
            NodeEntry other{};
            other.id = l.origin, other.has_lsa = true, other.incarnation = l.incarnation, other.seq = l.seq;
            other.expires = now_ + Millis(l.lifetime_s) * 1000;
            copy_name(other.name, l.name);
            other.count = l.count;
            for (std::size_t i = 0; i < l.count; i++) other.neighbours[i] = l.neighbours[i];
            flood(other, link);
        }
        return;
    }
    if (e && e->has_lsa) {
        const int c = compare_version(l.incarnation, l.seq, e->incarnation, e->seq);
        if (c == 0) {
            counters_.lsa_duplicate++;
            return;
        }
        if (c < 0) {
            counters_.lsa_older++;
            send_lsa(*e, link);
            return;
        }
    } else if (e && e->rx_incarnation > l.incarnation) {
        counters_.stale++;  // a node we have heard from in a later life
        return;
    }
    if (!e && !(e = alloc_node(l.origin))) return;
    counters_.lsa_accepted++;
    e->has_lsa = true;
    e->incarnation = l.incarnation;
    e->seq = l.seq;
    e->expires = now_ + Millis(l.lifetime_s) * 1000;
    copy_name(e->name, l.name);
    e->count = l.count;
    for (std::size_t i = 0; i < l.count; i++) e->neighbours[i] = l.neighbours[i];
    routes_dirty_ = true;
    flood(*e, link);
}

void NetworkCore::recompute_routes() {
    if (!routes_dirty_) return;
    routes_dirty_ = false;
    // Breadth-first from this node over links both ends advertise (a one-way or stale
    // advert carries no route). Each entry's hops says how far; `queue` holds indices.
    std::uint8_t old_hops[kMaxNodes];
    std::uint8_t queue[kMaxNodes];
    const std::size_t count = used_ < kMaxNodes ? used_ : kMaxNodes;
    for (std::size_t i = 0; i < count; i++) old_hops[i] = nodes_[i].hops, nodes_[i].hops = 0xFF;
    std::size_t head = 0, tail = 0;
    nodes_[0].hops = 0;
    queue[tail++] = 0;
    auto index_of = [&](NodeId id) -> std::size_t {
        for (std::size_t i = 0; i < count; i++)
            if (nodes_[i].id == id && nodes_[i].has_lsa) return i;
        return count;
    };
    auto lists = [](const NodeEntry& e, NodeId id) {
        for (std::size_t i = 0; i < e.count; i++)
            if (e.neighbours[i] == id) return true;
        return false;
    };
    while (head < tail) {
        const NodeEntry& u = nodes_[queue[head++]];
        for (std::size_t k = 0; k < u.count; k++) {
            const std::size_t vi = index_of(u.neighbours[k]);
            if (vi == count) continue;
            NodeEntry& v = nodes_[vi];
            if (v.hops != 0xFF || !lists(v, u.id)) continue;
            v.hops = std::uint8_t(u.hops + 1);
            v.next_hop = u.hops == 0 ? v.id : u.next_hop;
            queue[tail++] = std::uint8_t(vi);
        }
    }
    for (std::size_t i = 1; i < count; i++) {
        NodeEntry& v = nodes_[i];
        if (v.hops != 0xFF) {
            // the first hop's link: the lowest-numbered link it is two-way on
            v.link = 0xFF;
            for (const Neighbour& n : neighbours_)
                if (n.id == v.next_hop && n.two_way && n.link < v.link) v.link = n.link;
            if (v.link == 0xFF) v.hops = 0xFF;  // advertised, but not (yet) our neighbour
        }
        const bool was = old_hops[i] != 0xFF, is = v.hops != 0xFF;
        if (was != is) emit(is ? EventKind::node_reachable : EventKind::node_unreachable, 0xFF, v.id, v.incarnation, v.name);
    }
}

bool NetworkCore::route(NodeId dst, Route& out) const {
    const NodeEntry* e = find_node(dst);
    if (!e || e->hops == 0xFF || e->hops == 0) return false;
    out = {e->next_hop, e->link, e->hops};
    return true;
}

SendStatus NetworkCore::send(Millis now, NodeId dst, Proto proto, std::span<const std::uint8_t> payload) {
    advance(now);
    recompute_routes();
    update_deadline();
    if (payload.size() > kMaxPayload) return SendStatus::too_big;
    if (dst == kNoNode || dst == self_.id) return SendStatus::bad_destination;
    DataHeader h{kDefaultTtl, proto, self_.id, dst, self_.incarnation, ++tx_seq_};
    if (tx_seq_ == 0) h.seq = tx_seq_ = 1;  // 0 is not a sequence number
    if (dst == kBroadcast) {
        h.ttl = 1;
        const std::size_t len = write_data(h, payload, scratch_);
        for (std::size_t link = 0; link < links_.size(); link++) io_.transmit(std::uint8_t(link), {scratch_, len});
        update_deadline();
        return SendStatus::ok;
    }
    Route r;
    if (!route(dst, r)) return SendStatus::no_route;
    const std::size_t len = write_data(h, payload, scratch_);
    io_.transmit(r.link, {scratch_, len});
    update_deadline();
    return SendStatus::ok;
}

void NetworkCore::on_data(std::span<const std::uint8_t> packet) {
    DataHeader h;
    std::span<const std::uint8_t> payload;
    if (parse_data(packet, h, payload) != ParseError::none) {
        counters_.malformed++;
        return;
    }
    if (h.src == self_.id) {
        counters_.looped++;
        return;
    }
    if (h.dst != self_.id && h.dst != kBroadcast) {
        // Forward: only the TTL changes, and the next link's frame has its own CRC.
        if (h.ttl <= 1) {
            counters_.ttl_expired++;
            return;
        }
        Route r;
        if (!route(h.dst, r)) {
            counters_.no_route++;
            return;
        }
        for (std::size_t i = 0; i < packet.size(); i++) scratch_[i] = packet[i];
        scratch_[2] = std::uint8_t(h.ttl - 1);
        counters_.data_forwarded++;
        io_.transmit(r.link, {scratch_, packet.size()});
        return;
    }
    if (std::uint8_t(h.proto) > std::uint8_t(Proto::datagram)) {
        counters_.unknown_proto++;
        return;
    }
    // Duplicate suppression per source: a later incarnation starts a new window; inside the
    // window each sequence number is delivered once; below it, nothing (it may be a replay).
    NodeEntry* e = node(h.src);
    if (!e && !(e = alloc_node(h.src))) return;
    if (h.src_incarnation < e->rx_incarnation || (e->has_lsa && h.src_incarnation < e->incarnation)) {
        counters_.stale++;
        return;
    }
    if (h.src_incarnation > e->rx_incarnation) {
        e->rx_incarnation = h.src_incarnation;
        e->rx_top = h.seq;
        e->rx_seen = 1;
    } else if (h.seq > e->rx_top) {
        const std::uint32_t shift = h.seq - e->rx_top;
        e->rx_seen = shift >= kDupWindow ? 1 : (e->rx_seen << shift) | 1;
        e->rx_top = h.seq;
    } else {
        const std::uint32_t back = e->rx_top - h.seq;
        if (back >= kDupWindow) {
            counters_.data_too_old++;
            return;
        }
        const std::uint64_t bit = std::uint64_t(1) << back;
        if (e->rx_seen & bit) {
            counters_.data_duplicate++;
            return;
        }
        e->rx_seen |= bit;
    }
    counters_.data_delivered++;
    io_.deliver(h.src, h.proto, payload);
}

void NetworkCore::on_frame(Millis now, std::uint8_t link, std::span<const std::uint8_t> packet) {
    advance(now);
    if (link >= links_.size()) return;
    Type type;
    ParseError err = parse_type(packet, type);
    if (err == ParseError::none) {
        switch (type) {
        case Type::hello: {
            Hello h;
            if ((err = parse_hello(packet, h)) == ParseError::none) on_hello(link, h);
            break;
        }
        case Type::lsa: {
            Lsa l;
            if ((err = parse_lsa(packet, l)) == ParseError::none) on_lsa(link, l);
            break;
        }
        case Type::data:
            recompute_routes();
            on_data(packet);
            break;
        }
    }
    if (err != ParseError::none) {
        counters_.malformed++;
        if (err == ParseError::bad_version) counters_.bad_version++;
    }
    recompute_routes();
    update_deadline();
}

}  // namespace tern::world
