// Seeded schedules on the simulator (sim.hpp): random topologies of 2 to 64 nodes with
// both kinds of link; a phase of chaos (drops, duplicates, reordering, corruption, cut
// frames, garbage, delay, partitions that heal, node resets) under application traffic;
// then quiet, a cut, and a restore. Invariants, each schedule:
//  - no payload is delivered twice to one life of a node, and what is delivered is what
//    was sent (throughout, chaos included);
//  - after the chaos, routes converge within kConvergeBound (true hop counts, no route to
//    what cannot be reached);
//  - in quiet (garbage between frames on byte links, delays, no loss) every packet sent to a
//    reachable node is delivered: garbage never costs valid traffic;
//  - a cut link or a silent node is detected and routes withdrawn within the liveness bound;
//    a restored link or rebooted node is back within the restore bound.
// ./tern test runs 1,000 schedules (4 shards of 250). Soak: TERN_WORLD_SIM_SCHEDULES=n
// (per shard) and TERN_WORLD_SIM_SEED=first seed, e.g.
//   TERN_WORLD_SIM_SCHEDULES=100000 build/host/tests/world/world_sim_tests --gtest_filter='*Schedules/0'
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "sim.hpp"

using namespace world_sim;

namespace {

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

// What a node believes, for a failing schedule's report.
void dump(const Sim& s, int i) {
    const Node& n = *s.nodes[i];
    std::printf("%s (id %u, incarnation %u, alive %d, t=%llu):\n", n.name.c_str(), n.id, n.incarnation, n.alive,
                (unsigned long long)s.now);
    for (const auto& nb : n.net->neighbours())
        if (nb.id)
            std::printf("  neighbour %u link %u two_way %d incarnation %u last_heard %llu\n", nb.id, nb.link, nb.two_way,
                        nb.incarnation, (unsigned long long)nb.last_heard);
    for (const auto& e : n.net->nodes()) {
        std::printf("  node %u lsa %d inc %u seq %u expires %llu hops %u next %u link %u nbrs", e.id, e.has_lsa,
                    e.incarnation, e.seq, (unsigned long long)e.expires, e.hops, e.next_hop, e.link);
        for (int k = 0; k < e.count; k++) std::printf(" %u", e.neighbours[k]);
        std::printf("\n");
    }
}

struct Stats {
    Millis worst_converge = 0, worst_down = 0, worst_restore = 0;
    std::uint64_t delivered = 0, duplicates_suppressed = 0, rejected_frames = 0, schedules = 0, nodes = 0;
};

void random_topology(Sim& s, Rng& r, int n) {
    auto kind = [&] { return r.chance(500); };
    switch (n < 3 ? 0 : r.below(4)) {
    case 0: line(s, 0, n, kind()); return;
    case 1: ring(s, 0, n, kind()); return;
    case 2: line_and_ring(s, n, kind()); return;
    default: break;
    }
    // a random tree, then a few extra edges; at most 4 links per node
    for (int i = 1; i < n; i++) {
        int p;
        do p = int(r.below(std::uint32_t(i)));
        while (s.nodes[p]->links >= 3);
        s.connect(p, i, kind());
    }
    const int extra = int(r.below(std::uint32_t(n / 2 + 1)));
    for (int k = 0; k < extra; k++) {
        const int a = int(r.below(std::uint32_t(n))), b = int(r.below(std::uint32_t(n)));
        if (a == b || s.nodes[a]->links >= 4 || s.nodes[b]->links >= 4) continue;
        bool dup = false;
        for (const Link& l : s.links) dup |= (l.a == a && l.b == b) || (l.a == b && l.b == a);
        if (!dup) s.connect(a, b, kind());
    }
}

// Application traffic with unique ids: (sender index, sender incarnation, counter).
struct Traffic {
    struct Key {
        int sender;
        Incarnation inc;
        std::uint32_t n;
        bool operator<(const Key& o) const {
            return sender != o.sender ? sender < o.sender : inc != o.inc ? inc < o.inc : n < o.n;
        }
    };
    std::map<Key, Bytes> sent;
    std::uint32_t counter = 0;
    std::map<std::pair<int, Incarnation>, std::set<Key>> seen;  // per receiver life
    std::size_t scanned[64] = {};

    Bytes make(Rng& r, const Node& from) {
        Key k{from.index, from.incarnation, ++counter};
        Bytes p(12 + r.below(100));
        for (auto& x : p) x = std::uint8_t(r.next());
        p[0] = std::uint8_t(k.sender), p[1] = 0;
        for (int i = 0; i < 4; i++) p[2 + i] = std::uint8_t(k.inc >> (8 * i)), p[6 + i] = std::uint8_t(k.n >> (8 * i));
        sent[k] = p;
        return p;
    }
    // Checks what arrived since the last call; returns the number of new deliveries.
    std::size_t check(Sim& s, std::uint64_t seed) {
        std::size_t fresh = 0;
        for (auto& n : s.nodes) {
            auto& got = n->delivered;
            for (std::size_t i = scanned[n->index]; i < got.size(); i++) {
                const Bytes& p = got[i].payload;
                if (got[i].proto != Proto::datagram) continue;
                EXPECT_GE(p.size(), 12u) << "seed " << seed;
                if (p.size() < 12) continue;
                Key k{p[0], 0, 0};
                for (int b = 0; b < 4; b++) k.inc |= Incarnation(p[2 + b]) << (8 * b), k.n |= std::uint32_t(p[6 + b]) << (8 * b);
                auto it = sent.find(k);
                EXPECT_TRUE(it != sent.end() && it->second == p) << "seed " << seed << ": delivered what was not sent";
                EXPECT_EQ(got[i].src, s.nodes[k.sender]->id) << "seed " << seed;
                const std::pair<int, Incarnation> life(n->index, n->incarnation);
                EXPECT_TRUE(seen[life].insert(k).second)
                    << "seed " << seed << ": delivered twice to " << n->name;
                fresh++;
            }
            scanned[n->index] = got.size();
        }
        return fresh;
    }
    void node_reset(Node& n) {
        scanned[n.index] = n.delivered.size();
    }
};

void run_schedule(std::uint64_t seed, Stats& st) {
    Rng r(seed * 0x2545F4914F6CDD1Dull + 1);
    const std::uint32_t pick = r.below(100);
    const int n = seed % 97 == 5 ? 64 : pick < 60 ? 2 + int(r.below(7)) : pick < 90 ? 9 + int(r.below(8)) : 17 + int(r.below(16));
    Sim s(seed);
    add_nodes(s, n);
    random_topology(s, r, n);
    s.start();
    const Timing& t = s.timing;
    const Millis quiet_delay = 5;
    auto diameter = [&] { return Millis(Sim::diameter(s.distances())); };
    std::string why;

    // start-up, no faults: discovery
    {
        const Millis bound = t.hello_ms + (diameter() + 4) * 1;
        const Millis took = s.run_until_converged(bound, 1);
        ASSERT_NE(took, kNoDeadline) << "seed " << seed << " start-up: " << (s.converged(&why), why);
    }

    // chaos
    Traffic traffic;
    const Millis chaos_end = s.now + 2000 + r.below(4000);
    s.faults.drop = r.below(300), s.faults.duplicate = r.below(200), s.faults.corrupt = r.below(100);
    s.faults.cut = r.below(100), s.faults.garbage = r.below(200);
    s.faults.delay_min = 1, s.faults.delay_max = 1 + r.below(50);
    struct Down {
        int link;
        Millis until;
    };
    std::vector<Down> partitions;
    while (s.now < chaos_end) {
        const Millis step = 10 + r.below(60);
        s.run_until(std::min(chaos_end, s.now + step));
        for (auto it = partitions.begin(); it != partitions.end();)
            if (it->until <= s.now) s.links[it->link].up = true, it = partitions.erase(it);
            else ++it;
        if (r.chance(60) && !s.links.empty()) {
            const int l = int(r.below(std::uint32_t(s.links.size())));
            s.links[l].up = false;
            partitions.push_back({l, s.now + 200 + r.below(3000)});
        }
        if (r.chance(15)) {
            const int v = int(r.below(std::uint32_t(n)));
            s.reset(v);
            traffic.node_reset(*s.nodes[v]);
        }
        const int a = int(r.below(std::uint32_t(n))), b = int(r.below(std::uint32_t(n)));
        if (a != b) s.nodes[a]->net->send(s.now, s.nodes[b]->id, Proto::datagram, traffic.make(r, *s.nodes[a]));
        traffic.check(s, seed);
    }
    for (auto& l : s.links) l.up = true;

    // quiet: routes converge, then no valid packet is lost to garbage
    s.faults = Faults{};
    s.faults.garbage = 300;
    s.faults.delay_min = 1, s.faults.delay_max = quiet_delay;
    {
        // A link partitioned until the end of the chaos may still be declared down: its
        // silence was real. So the routes are held to the truth once dead_ms has passed,
        // and must be right from then on within the bound.
        const Millis bound = t.dead_ms + 3 * t.hello_ms + (diameter() + 4) * quiet_delay;
        const Millis chaos_over = s.now;
        s.run_until(s.now + t.dead_ms);
        const Millis took = s.run_until_converged(bound - t.dead_ms + 100, 5);
        ASSERT_NE(took, kNoDeadline) << "seed " << seed << " after chaos (n=" << n << "): " << (s.converged(&why), why);
        EXPECT_LE(s.now - chaos_over, bound) << "seed " << seed;
        st.worst_converge = std::max(st.worst_converge, s.now - chaos_over);
    }
    s.run_until(s.now + 100);  // stray chaos-era frames drain
    traffic.check(s, seed);
    std::size_t expected = 0;
    for (int k = 0; k < 20; k++) {
        const int a = int(r.below(std::uint32_t(n))), b = int(r.below(std::uint32_t(n)));
        if (a == b) continue;
        ASSERT_EQ(s.nodes[a]->net->send(s.now, s.nodes[b]->id, Proto::datagram, traffic.make(r, *s.nodes[a])), SendStatus::ok)
            << "seed " << seed;
        expected++;
    }
    s.run_until(s.now + (diameter() + 2) * quiet_delay);
    const std::size_t arrived = traffic.check(s, seed);
    EXPECT_EQ(arrived, expected) << "seed " << seed << ": valid traffic lost in quiet";
    if (arrived != expected) {
        for (auto& node : s.nodes) {
            const NetCounters& c = node->net->counters();
            std::printf("%s: no_route %u ttl %u too_old %u dup %u stale %u malformed %u unknown_proto %u; link rejects",
                        node->name.c_str(), c.no_route, c.ttl_expired, c.data_too_old, c.data_duplicate, c.stale,
                        c.malformed, c.unknown_proto);
            for (int l = 0; l < node->links; l++)
                std::printf(" %u/%u", node->rx[l]->counters().rejected(), node->dgram_counters[l].rejected());
            std::printf("\n");
        }
    }

    // cut a link or silence a node: detected and withdrawn within the liveness bound
    const bool kill = r.chance(500);
    const int victim = kill ? int(r.below(std::uint32_t(n))) : int(r.below(std::uint32_t(s.links.size())));
    if (kill) s.kill(victim);
    else s.links[victim].up = false;
    {
        const Millis bound = t.dead_ms + Millis(n + 1) * quiet_delay;
        const Millis took = s.run_until_converged(bound + 100, 5);
        ASSERT_NE(took, kNoDeadline) << "seed " << seed << " after a cut: " << (s.converged(&why), why);
        EXPECT_LE(took, bound) << "seed " << seed;
        st.worst_down = std::max(st.worst_down, took);
    }
    // restore: the link comes back, or the node reboots (a new incarnation)
    if (kill) s.reset(victim), traffic.node_reset(*s.nodes[victim]);
    else s.links[victim].up = true;
    {
        const Millis bound = t.hello_ms + (diameter() + 4) * quiet_delay;
        const Millis took = s.run_until_converged(bound + 100, 5);
        if (took == kNoDeadline)
            for (int i = 0; i < n && i < 4; i++) dump(s, i);
        ASSERT_NE(took, kNoDeadline) << "seed " << seed << " after a restore: " << (s.converged(&why), why)
                                     << (kill ? " (node reset)" : " (link restored)") << " victim " << victim;
        EXPECT_LE(took, bound) << "seed " << seed;
        st.worst_restore = std::max(st.worst_restore, took);
    }
    traffic.check(s, seed);
    st.schedules++;
    st.nodes += std::uint64_t(n);
    for (auto& node : s.nodes) {
        st.delivered += node->net->counters().data_delivered;
        st.duplicates_suppressed += node->net->counters().data_duplicate;
        for (int l = 0; l < node->links; l++)
            st.rejected_frames += node->rx[l]->counters().rejected() + node->dgram_counters[l].rejected();
    }
}

class SimShard : public ::testing::TestWithParam<int> {};

TEST_P(SimShard, Schedules) {
    const std::uint64_t per_shard = env_or("TERN_WORLD_SIM_SCHEDULES", 250);
    const std::uint64_t first = env_or("TERN_WORLD_SIM_SEED", 1) + std::uint64_t(GetParam()) * per_shard;
    Stats st;
    for (std::uint64_t seed = first; seed < first + per_shard; seed++) {
        run_schedule(seed, st);
        if (HasFailure()) {
            std::printf("failing seed %llu\n", static_cast<unsigned long long>(seed));
            break;
        }
    }
    std::printf("schedules %llu (seeds from %llu), nodes %llu, delivered %llu, duplicates suppressed %llu, "
                "frames rejected %llu; worst: converge after chaos %llu ms, withdraw after a cut %llu ms, "
                "restore %llu ms\n",
                (unsigned long long)st.schedules, (unsigned long long)first, (unsigned long long)st.nodes,
                (unsigned long long)st.delivered, (unsigned long long)st.duplicates_suppressed,
                (unsigned long long)st.rejected_frames, (unsigned long long)st.worst_converge,
                (unsigned long long)st.worst_down, (unsigned long long)st.worst_restore);
}
INSTANTIATE_TEST_SUITE_P(Sim, SimShard, ::testing::Values(0, 1, 2, 3));

// sim_converge_rounds_64: 64 nodes booted together on a line-and-ring topology (a ring of
// 32, a line of 32 off ring node 0), every frame taking exactly one round (10 ms) to cross
// its link: rounds until every node has a route to every other.
TEST(Sim, ConvergeRounds64) {
    for (bool stream : {false, true}) {
        Sim s(64);
        add_nodes(s, 64);
        line_and_ring(s, 64, stream);
        s.faults.delay_min = s.faults.delay_max = 10;
        s.start();
        const Millis took = s.run_until_converged(10000, 1);
        ASSERT_NE(took, kNoDeadline);
        const Millis rounds = (took + 9) / 10;
        const int d = Sim::diameter(s.distances());
        EXPECT_EQ(d, 48);
        // two rounds to become two-way neighbours, then the adverts cross the diameter
        EXPECT_LE(rounds, Millis(d + 4));
        if (!stream) std::printf("FIGURE sim_converge_rounds_64 %llu\n", (unsigned long long)rounds);
        std::printf("line-and-ring 64 (%s links): diameter %d, converged in %llu rounds\n",
                    stream ? "stream" : "datagram", d, (unsigned long long)rounds);
    }
}

}  // namespace
