// A deterministic simulator of the world's link and network layers: N nodes (up to 64),
// point-to-point links of either kind (COBS byte streams or datagrams) with seeded faults,
// virtual time in milliseconds, and the ground truth (which nodes are up and linked) to hold
// the nodes' routes against. Everything is decided by the seed: same seed, same run.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"
#include "tern/world/link.hpp"
#include "tern/world/network.hpp"

namespace world_sim {

using namespace tern::world;
using world_test::Bytes;
using world_test::Rng;

using SimNetwork = Network<4, 64, 8>;

struct Faults {
    std::uint32_t drop = 0;       // per mille of frames
    std::uint32_t duplicate = 0;  // per mille (datagram links)
    std::uint32_t corrupt = 0;    // per mille: one byte flipped
    std::uint32_t cut = 0;        // per mille (stream links): the frame's tail is lost
    std::uint32_t garbage = 0;    // per mille (stream links): random bytes before the frame
    Millis delay_min = 1, delay_max = 1;  // datagrams may overtake each other
};

struct Link {
    int a, la, b, lb;  // node a's link la <-> node b's link lb
    bool stream;
    bool up = true;
    Millis last_arrival[2] = {0, 0};  // a byte stream keeps its order
};

struct Delivery {
    NodeId src;
    Proto proto;
    Bytes payload;
};

class Sim;

struct Node final : NetworkIo {
    Sim* sim = nullptr;
    int index = 0;
    NodeId id = 0;
    std::string name;
    Incarnation incarnation = 0;
    bool alive = true;
    int links = 0;
    std::unique_ptr<SimNetwork> net;
    std::unique_ptr<StreamReceiver<>> rx[4];
    LinkCounters dgram_counters[4];
    std::vector<Delivery> delivered;
    std::vector<Event> events;
    std::vector<std::pair<int, Bytes>> transmitted;  // (link, packet), when recording
    bool record = false;

    void transmit(std::uint8_t link, std::span<const std::uint8_t> packet) override;
    void deliver(NodeId src, Proto proto, std::span<const std::uint8_t> payload) override {
        delivered.push_back({src, proto, Bytes(payload.begin(), payload.end())});
    }
    void event(const Event& e) override {
        events.push_back(e);
        event_times.push_back(sim_now());
    }
    std::vector<Millis> event_times;
    Millis sim_now() const;
};

struct Arrival {
    Millis at;
    std::uint64_t order;
    int node, link;
    bool stream;
    Bytes bytes;
    bool operator>(const Arrival& o) const { return at != o.at ? at > o.at : order > o.order; }
};

class Sim {
public:
    explicit Sim(std::uint64_t seed, Timing timing = {}) : rng(seed), timing(timing) {}

    Rng rng;
    Timing timing;
    Millis now = 0;
    Faults faults;
    std::vector<std::unique_ptr<Node>> nodes;
    std::vector<Link> links;
    std::priority_queue<Arrival, std::vector<Arrival>, std::greater<Arrival>> queue;
    std::uint64_t order = 0;
    std::uint64_t frames_sent = 0;

    int add_node(NodeId id, const std::string& name) {
        auto n = std::make_unique<Node>();
        n->sim = this;
        n->index = int(nodes.size());
        n->id = id;
        n->name = name;
        nodes.push_back(std::move(n));
        return int(nodes.size()) - 1;
    }
    // Links must all be added before start().
    int connect(int a, int b, bool stream) {
        Link l{a, nodes[a]->links++, b, nodes[b]->links++, stream};
        links.push_back(l);
        return int(links.size()) - 1;
    }
    void boot(Node& n) {
        n.incarnation++;
        Identity self;
        make_identity(n.id, n.incarnation, n.name.c_str(), self);
        for (auto& r : n.rx) r = std::make_unique<StreamReceiver<>>();
        n.alive = true;
        n.net = std::make_unique<SimNetwork>(self, n, now, timing, std::size_t(n.links));
    }
    void start() {
        for (auto& n : nodes) boot(*n);
    }
    // A reset: the node loses all state and comes back with a larger incarnation.
    void reset(int i) { boot(*nodes[i]); }
    void kill(int i) { nodes[i]->alive = false; }

    const Link* link_of(int node, int link) const {
        for (const Link& l : links)
            if ((l.a == node && l.la == link) || (l.b == node && l.lb == link)) return &l;
        return nullptr;
    }

    void send_frame(int from, int link, std::span<const std::uint8_t> packet) {
        Link* l = nullptr;
        for (Link& x : links)
            if ((x.a == from && x.la == link) || (x.b == from && x.lb == link)) l = &x;
        if (!l || !l->up) return;
        const bool forward = l->a == from;
        const int to = forward ? l->b : l->a;
        const int to_link = forward ? l->lb : l->la;
        frames_sent++;
        Bytes wire(stream_encoded_max(packet.size()));
        wire.resize(l->stream ? stream_encode(packet, wire) : datagram_encode(packet, wire));
        if (rng.chance(faults.drop)) return;
        if (rng.chance(faults.corrupt) && wire.size() > 2) wire[1 + rng.below(std::uint32_t(wire.size() - 2))] ^= std::uint8_t(1 + rng.below(255));
        int copies = 1;
        if (l->stream) {
            if (rng.chance(faults.cut) && wire.size() > 3) wire.resize(1 + rng.below(std::uint32_t(wire.size() - 2)));
            if (rng.chance(faults.garbage)) {
                Bytes g = rng.bytes(1 + rng.below(40));
                wire.insert(wire.begin(), g.begin(), g.end());
            }
        } else if (rng.chance(faults.duplicate)) {
            copies = 2;
        }
        for (int c = 0; c < copies; c++) {
            const Millis span = faults.delay_max > faults.delay_min ? faults.delay_max - faults.delay_min : 0;
            Millis at = now + faults.delay_min + rng.below(std::uint32_t(span + 1));
            if (l->stream) {
                Millis& last = l->last_arrival[forward ? 0 : 1];
                at = std::max(at, last);
                last = at;
            }
            queue.push({at, order++, to, to_link, l->stream, wire});
        }
    }

    // Garbage on a stream link on its own, between frames (what a noisy UART does).
    void inject_garbage(int link_index, std::size_t n) {
        Link& l = links[link_index];
        Millis& last = l.last_arrival[0];
        last = std::max(last, now + 1);
        queue.push({last, order++, l.b, l.lb, true, rng.bytes(n)});
    }

    Millis next_event() const {
        Millis t = queue.empty() ? kNoDeadline : queue.top().at;
        for (const auto& n : nodes)
            if (n->alive) t = std::min(t, n->net->next_deadline());
        return t;
    }

    void run_until(Millis end) {
        for (;;) {
            Millis t = next_event();
            if (t > end) break;
            if (t > now) now = t;
            while (!queue.empty() && queue.top().at <= now) {
                Arrival a = queue.top();
                queue.pop();
                Node& n = *nodes[a.node];
                if (!n.alive) continue;
                if (a.stream) {
                    n.rx[a.link]->feed(a.bytes, [&](std::span<const std::uint8_t> p) {
                        n.net->on_frame(now, std::uint8_t(a.link), p);
                    });
                } else {
                    std::span<const std::uint8_t> p;
                    if (datagram_decode(a.bytes, n.dgram_counters[a.link], p)) n.net->on_frame(now, std::uint8_t(a.link), p);
                }
            }
            for (auto& n : nodes)
                if (n->alive && n->net->next_deadline() <= now) n->net->poll(now);
        }
        now = std::max(now, end);
    }

    // ---- ground truth: hop distances over live nodes and up links
    std::vector<std::vector<int>> distances() const {
        const int n = int(nodes.size());
        std::vector<std::vector<int>> d(n, std::vector<int>(n, -1));
        for (int s = 0; s < n; s++) {
            if (!nodes[s]->alive) continue;
            std::vector<int> q = {s};
            d[s][s] = 0;
            for (std::size_t h = 0; h < q.size(); h++) {
                const int u = q[h];
                for (const Link& l : links) {
                    if (!l.up) continue;
                    int v = l.a == u ? l.b : l.b == u ? l.a : -1;
                    if (v < 0 || !nodes[v]->alive || d[s][v] >= 0) continue;
                    d[s][v] = d[s][u] + 1;
                    q.push_back(v);
                }
            }
        }
        return d;
    }
    static int diameter(const std::vector<std::vector<int>>& d) {
        int m = 0;
        for (auto& row : d)
            for (int x : row) m = std::max(m, x);
        return m;
    }
    // Every live node has a route of the true length to every node it can reach, and none
    // to the others. `why` says the first disagreement.
    bool converged(std::string* why = nullptr) const { return converged(distances(), why); }
    bool converged(const std::vector<std::vector<int>>& d, std::string* why = nullptr) const {
        for (const auto& u : nodes) {
            if (!u->alive) continue;
            for (const auto& v : nodes) {
                if (u == v) continue;
                Route r{};
                const bool has = u->net->route(v->id, r);
                const int want = d[u->index][v->index];
                const bool ok = want < 0 ? !has : (has && r.hops == want);
                if (!ok) {
                    if (why)
                        *why = u->name + " -> " + v->name + ": want " + std::to_string(want) + " hops, has " +
                               (has ? std::to_string(r.hops) : std::string("no route"));
                    return false;
                }
            }
        }
        return true;
    }
    // Runs until converged() or `limit`; returns the time it took, or kNoDeadline.
    Millis run_until_converged(Millis limit, Millis step = 10) {
        const Millis start = now;
        const auto truth = distances();  // the caller changes nothing meanwhile
        while (now <= start + limit) {
            if (converged(truth)) return now - start;
            run_until(now + step);
        }
        return converged(truth) ? now - start : kNoDeadline;
    }
};

inline Millis Node::sim_now() const { return sim->now; }

inline void Node::transmit(std::uint8_t link, std::span<const std::uint8_t> packet) {
    if (record) transmitted.emplace_back(link, Bytes(packet.begin(), packet.end()));
    sim->send_frame(index, link, packet);
}

// ---- topologies (node names n0.., ids 1..)
inline void add_nodes(Sim& s, int n) {
    for (int i = 0; i < n; i++) s.add_node(NodeId(i + 1), "n" + std::to_string(i));
}
inline void line(Sim& s, int from, int to, bool stream) {
    for (int i = from; i + 1 < to; i++) s.connect(i, i + 1, stream);
}
inline void ring(Sim& s, int from, int to, bool stream) {
    line(s, from, to, stream);
    if (to - from > 2) s.connect(to - 1, from, stream);
}
// A ring of n/2 nodes, and a line of the other n/2 hanging off ring node 0.
inline void line_and_ring(Sim& s, int n, bool stream) {
    const int r = n / 2;
    ring(s, 0, r, stream);
    if (n > r) s.connect(0, r, stream);
    line(s, r, n, stream);
}

}  // namespace world_sim
