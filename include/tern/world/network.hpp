// The world's network layer: node identity, neighbour discovery, link-state routing over
// several hops, TTL, duplicate suppression and liveness. A protocol core without I/O: it is
// fed packets (one link frame's payload, from link.hpp) with the link they came on and the
// time; it hands packets to send per link, upper-layer payloads and events to a NetworkIo,
// and says when it next needs to run (next_deadline()). No heap: every table is sized at
// build time (template parameters, #ifndef knobs). docs/world-network.md has the design and the
// bounds, docs/world-wire.md the byte layout of every message.
//
// Liveness: a neighbour not heard for dead_ms (default 2,000 ms = 4 hellos) is down and
// every route through it is withdrawn. Convergence: see docs/world-network.md, "Bounds".
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "tern/world/link.hpp"

#ifndef TERN_WORLD_MAX_NODES
#define TERN_WORLD_MAX_NODES 64  // nodes a node knows (its routing table)
#endif
#ifndef TERN_WORLD_MAX_LINKS
#define TERN_WORLD_MAX_LINKS 4  // links per node
#endif
#ifndef TERN_WORLD_MAX_NEIGHBOURS
#define TERN_WORLD_MAX_NEIGHBOURS 8  // neighbours per node (all links), and per advert
#endif
#ifndef TERN_WORLD_HELLO_MS
#define TERN_WORLD_HELLO_MS 500
#endif
#ifndef TERN_WORLD_DEAD_MS
#define TERN_WORLD_DEAD_MS 2000
#endif
#ifndef TERN_WORLD_LSA_REFRESH_MS
#define TERN_WORLD_LSA_REFRESH_MS 20000
#endif
#ifndef TERN_WORLD_LSA_MAX_AGE_MS
#define TERN_WORLD_LSA_MAX_AGE_MS 60000
#endif

namespace tern::world {

// Shared by the world's layers (WORLD-CONTRACT): identical redeclarations are allowed.
using NodeId = std::uint16_t;       // 0 = no node; 0xFFFF = broadcast (link-local)
using Incarnation = std::uint32_t;  // nonzero; a node picks a larger one at each boot
using Millis = std::uint64_t;       // monotonic milliseconds, supplied by the caller
enum class Proto : std::uint8_t { control = 0, transport = 1, datagram = 2 };

inline constexpr NodeId kNoNode = 0;
inline constexpr NodeId kBroadcast = 0xFFFF;
inline constexpr Millis kNoDeadline = ~Millis{0};

namespace net {
inline constexpr std::uint8_t kVersion = 1;
enum class Type : std::uint8_t { hello = 1, lsa = 2, data = 3 };
inline constexpr std::size_t kNameSize = 16;  // on the wire: up to 15 bytes, NUL padded
inline constexpr std::size_t kNameMax = kNameSize - 1;
inline constexpr std::size_t kHelloFixed = 30;  // + 2 per neighbour heard
inline constexpr std::size_t kLsaFixed = 32;    // + 2 per neighbour
inline constexpr std::size_t kDataHeader = 16;
inline constexpr std::size_t kMaxPayload = kLinkMtu - kDataHeader;  // 240 by default
inline constexpr std::uint8_t kDefaultTtl = 64;
inline constexpr std::size_t kMaxNodes = TERN_WORLD_MAX_NODES;
inline constexpr std::size_t kMaxLinks = TERN_WORLD_MAX_LINKS;
inline constexpr std::size_t kMaxNeighbours = TERN_WORLD_MAX_NEIGHBOURS;
inline constexpr std::size_t kDupWindow = 64;  // packets per source remembered
inline constexpr Millis kConflictRepeatMs = 10000;  // a conflict is reported again after this
static_assert(kMaxPayload >= 200, "the network carries at least 200 B per packet");
static_assert(kHelloFixed + 2 * kMaxNeighbours <= kLinkMtu && kLsaFixed + 2 * kMaxNeighbours <= kLinkMtu);

// ---- messages, parsed (docs/world-wire.md). Parsers are strict: exact sizes, reserved
// bytes zero, names NUL padded; what fails is counted as malformed by the network.
struct Hello {
    NodeId id;
    Incarnation incarnation;
    char name[kNameSize];
    std::uint32_t digest;  // of the sender's advert database (DB sync when it differs)
    std::uint8_t seq;      // +1 at every hello the sender sends (mod 256): an older one is ignored
    std::uint8_t heard_count;
    NodeId heard[kMaxNeighbours];  // neighbours the sender hears on this link
};
struct Lsa {
    NodeId origin;
    Incarnation incarnation;
    std::uint32_t seq;
    std::uint16_t lifetime_s;  // seconds it has left to live (ageing)
    char name[kNameSize];
    std::uint8_t count;
    NodeId neighbours[kMaxNeighbours];  // two-way neighbours, ascending
};
struct DataHeader {
    std::uint8_t ttl;
    Proto proto;
    NodeId src, dst;
    Incarnation src_incarnation;
    std::uint32_t seq;
};
enum class ParseError : std::uint8_t { none, truncated, bad_version, bad_type, bad_size, bad_field };
ParseError parse_type(std::span<const std::uint8_t> p, Type& type);
ParseError parse_hello(std::span<const std::uint8_t> p, Hello& out);
ParseError parse_lsa(std::span<const std::uint8_t> p, Lsa& out);
ParseError parse_data(std::span<const std::uint8_t> p, DataHeader& out, std::span<const std::uint8_t>& payload);
std::size_t write_hello(const Hello& h, std::span<std::uint8_t> out);
std::size_t write_lsa(const Lsa& l, std::span<std::uint8_t> out);
std::size_t write_data(const DataHeader& h, std::span<const std::uint8_t> payload, std::span<std::uint8_t> out);

// A valid name: 1..15 bytes of [A-Za-z0-9._-].
bool valid_name(const char* name);
bool names_equal(const char* a, const char* b);  // over kNameSize bytes, NUL padded

// ---- state the network keeps, exposed read-only for `nodes`, tests and bindings
struct NodeEntry {
    NodeId id;  // kNoNode: free slot
    bool has_lsa;
    std::uint8_t hops;      // 0: this node; 0xFF: no route
    std::uint8_t link;      // first link of the route
    NodeId next_hop;        // first neighbour of the route
    std::uint8_t count;     // neighbours in the advert
    Incarnation incarnation;
    std::uint32_t seq;
    Millis expires;  // the advert's end of life
    char name[kNameSize];
    NodeId neighbours[kMaxNeighbours];
    // duplicate suppression of data from this source: the incarnation seen, the highest
    // sequence number and a bit per sequence number below it (bit 0 = rx_top)
    Incarnation rx_incarnation;
    std::uint32_t rx_top;
    std::uint64_t rx_seen;
};
struct Neighbour {
    NodeId id;  // kNoNode: free slot
    std::uint8_t link;
    bool two_way;  // it lists us in its hellos
    std::uint8_t digest_mismatches;
    std::uint8_t hello_seq;  // of its last hello: a reordered older one must not undo a newer
    Incarnation incarnation;
    Millis last_heard;
    Millis last_sync;
    char name[kNameSize];
};
struct LinkTimer {
    Millis next_hello;
};
}  // namespace net

struct Identity {
    NodeId id;
    Incarnation incarnation;
    char name[net::kNameSize];
};
// Fills `out`; false (and `out` untouched) if id is 0 or broadcast, incarnation 0, or the
// name is not valid_name().
bool make_identity(NodeId id, Incarnation incarnation, const char* name, Identity& out);

struct Timing {
    Millis hello_ms = TERN_WORLD_HELLO_MS;
    Millis dead_ms = TERN_WORLD_DEAD_MS;
    Millis lsa_refresh_ms = TERN_WORLD_LSA_REFRESH_MS;
    Millis lsa_max_age_ms = TERN_WORLD_LSA_MAX_AGE_MS;
};

enum class EventKind : std::uint8_t {
    neighbour_up,         // two-way on `link`
    neighbour_down,       // silent for dead_ms (or its table slot was needed)
    neighbour_restarted,  // heard with a larger incarnation
    node_reachable,       // a route to `node` appeared
    node_unreachable,     // the route to `node` was withdrawn
    conflict_same_id,     // `node` (named `name`) uses our id: refused
    conflict_same_name,   // `node` uses our name with another id: refused
    conflict_elsewhere,   // two other nodes use id `node` (`name` is the one not kept)
};
struct Event {
    EventKind kind;
    std::uint8_t link;  // for neighbour events; 0xFF otherwise
    NodeId node;
    Incarnation incarnation;
    char name[net::kNameSize];
};
// A console line for an event, e.g. "world: refused node 'beta' (id 5): it uses our id 5
// ('alpha')". Returns the length written (NUL terminated, cut to fit).
std::size_t describe(const Event& e, const Identity& self, char* out, std::size_t size);

class NetworkIo {
public:
    // A packet for the neighbours on `link` (the caller frames it: link.hpp). Must not call
    // back into the network.
    virtual void transmit(std::uint8_t link, std::span<const std::uint8_t> packet) = 0;
    // A payload for this node from `src`; valid during the call. May call send().
    virtual void deliver(NodeId src, Proto proto, std::span<const std::uint8_t> payload) = 0;
    virtual void event(const Event& e) = 0;

protected:
    ~NetworkIo() = default;
};

enum class SendStatus : std::uint8_t { ok, no_route, too_big, bad_destination };

struct NetCounters {
    std::uint32_t malformed = 0;        // any ParseError
    std::uint32_t bad_version = 0;      // of which: a version this node does not speak
    std::uint32_t looped = 0;           // our own packet came back
    std::uint32_t conflicts = 0;        // hellos/adverts refused for a duplicate id or name
    std::uint32_t stale = 0;            // from an older incarnation than one already seen
    std::uint32_t table_full = 0;       // no slot for a neighbour or a node
    std::uint32_t lsa_accepted = 0;
    std::uint32_t lsa_duplicate = 0;
    std::uint32_t lsa_older = 0;
    std::uint32_t db_syncs = 0;         // full advert databases sent to a neighbour
    std::uint32_t data_delivered = 0;
    std::uint32_t data_forwarded = 0;
    std::uint32_t data_duplicate = 0;   // suppressed: seen within the window
    std::uint32_t data_too_old = 0;     // below the window: could be a replay, dropped
    std::uint32_t ttl_expired = 0;
    std::uint32_t no_route = 0;         // forwarding with no route
    std::uint32_t unknown_proto = 0;
};

struct Route {
    NodeId next_hop;
    std::uint8_t link;
    std::uint8_t hops;
};

// The network of one node. Storage comes from Network<> below (or any caller-owned arrays).
class NetworkCore {
public:
    struct Storage {
        std::span<net::NodeEntry> nodes;
        std::span<net::Neighbour> neighbours;
        std::span<net::LinkTimer> links;  // one per link this node has
    };
    NetworkCore(const Storage& storage, const Identity& self, NetworkIo& io, Millis now, Timing timing = {});

    // Sends `payload` to `dst` (a node id, or kBroadcast for every neighbour, one hop).
    SendStatus send(Millis now, NodeId dst, Proto proto, std::span<const std::uint8_t> payload);
    // A packet received on `link` (a good link frame's payload).
    void on_frame(Millis now, std::uint8_t link, std::span<const std::uint8_t> packet);
    // Runs what is due at `now` (hellos, liveness, ageing, refresh). Early or twice is harmless.
    void poll(Millis now);
    Millis next_deadline() const { return deadline_; }

    bool route(NodeId dst, Route& out) const;
    const net::NodeEntry* find_node(NodeId id) const;
    // The entries in use (slot 0 is this node); free ones have id kNoNode.
    std::span<const net::NodeEntry> nodes() const { return nodes_.first(used_); }
    std::span<const net::Neighbour> neighbours() const { return neighbours_; }
    const NetCounters& counters() const { return counters_; }
    const Identity& self() const { return self_; }
    std::uint32_t digest() const;

private:
    net::NodeEntry* node(NodeId id);
    net::NodeEntry* alloc_node(NodeId id);
    net::NodeEntry& own() { return nodes_[0]; }
    std::span<net::NodeEntry> live() { return nodes_.first(used_); }
    std::span<const net::NodeEntry> live() const { return nodes_.first(used_); }
    net::Neighbour* neighbour(NodeId id, std::uint8_t link);
    void advance(Millis now);
    void update_deadline();
    void send_hello(std::uint8_t link);
    void originate();
    void send_lsa(const net::NodeEntry& e, std::uint8_t link);
    void flood(const net::NodeEntry& e, std::uint8_t except_link);
    void sync_database(std::uint8_t link);
    void recompute_routes();
    void on_hello(std::uint8_t link, const net::Hello& h);
    void on_lsa(std::uint8_t link, const net::Lsa& l);
    void on_data(std::span<const std::uint8_t> packet);
    void drop_neighbour(net::Neighbour& n);
    bool conflict(EventKind kind, NodeId id, Incarnation inc, const char* name);
    bool first_report(EventKind kind, NodeId id);
    void emit(EventKind kind, std::uint8_t link, NodeId id, Incarnation inc, const char* name);

    std::span<net::NodeEntry> nodes_;
    std::span<net::Neighbour> neighbours_;
    std::span<net::LinkTimer> links_;
    Identity self_;
    NetworkIo& io_;
    Timing timing_;
    Millis now_;
    Millis next_refresh_ = 0;
    Millis deadline_ = 0;
    std::size_t used_ = 1;  // slots [0, used_) have been allocated at some time
    std::uint32_t tx_seq_ = 0;
    std::uint8_t hello_seq_ = 0;
    std::uint32_t jitter_state_;
    bool routes_dirty_ = true;
    struct Reported {
        EventKind kind;
        NodeId id;
        Millis at;
    } reported_[4] = {};
    NetCounters counters_;
    std::uint8_t scratch_[kLinkMtu];
};

namespace net {
template <std::size_t Links, std::size_t Nodes, std::size_t Neighbours>
struct Tables {
    NodeEntry node_table[Nodes];
    Neighbour neighbour_table[Neighbours];
    LinkTimer link_table[Links];
};
}  // namespace net

// A node's network with its tables: Links links, Nodes known nodes, Neighbours neighbours.
template <std::size_t Links = net::kMaxLinks, std::size_t Nodes = net::kMaxNodes,
          std::size_t Neighbours = net::kMaxNeighbours>
class Network : private net::Tables<Links, Nodes, Neighbours>, public NetworkCore {
    using T = net::Tables<Links, Nodes, Neighbours>;  // a base, so it exists before the core

public:
    static_assert(Nodes >= 2 && Nodes <= net::kMaxNodes, "routes are computed over at most kMaxNodes (TERN_WORLD_MAX_NODES)");
    static_assert(Links >= 1 && Links < 0xFF && Neighbours >= 1 && Neighbours <= net::kMaxNeighbours);
    Network(const Identity& self, NetworkIo& io, Millis now, Timing timing = {}, std::size_t links = Links)
        : T{}, NetworkCore({T::node_table, T::neighbour_table, {T::link_table, links < Links ? links : Links}}, self, io, now, timing) {}
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;
};

}  // namespace tern::world
