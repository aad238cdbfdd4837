// The network layer on small topologies: discovery, forwarding over several hops (the TTL
// on the second hop), liveness, conflicts, duplicate suppression, bad input, frozen samples.
#include <gtest/gtest.h>

#include <cstring>

#include "sim.hpp"
#include "tern/world/transport.hpp"  // a binding includes both layers: no name may clash

using namespace world_sim;
using namespace tern::world::net;

namespace {
int count_events(const Node& n, EventKind k, NodeId id = 0) {
    int c = 0;
    for (const Event& e : n.events) c += e.kind == k && (id == 0 || e.node == id);
    return c;
}
Bytes payload_of(const std::string& s) { return Bytes(s.begin(), s.end()); }
}  // namespace

TEST(Network, IdentityIsChecked) {
    Identity id;
    EXPECT_TRUE(make_identity(7, 1, "board-7.m3_x", id));
    EXPECT_FALSE(make_identity(0, 1, "a", id));
    EXPECT_FALSE(make_identity(kBroadcast, 1, "a", id));
    EXPECT_FALSE(make_identity(7, 0, "a", id));
    EXPECT_FALSE(make_identity(7, 1, "", id));
    EXPECT_FALSE(make_identity(7, 1, "sixteen-chars-xx", id));
    EXPECT_TRUE(make_identity(7, 1, "fifteen-chars-x", id));
    EXPECT_FALSE(make_identity(7, 1, "has space", id));
}

TEST(Network, TwoNodesDiscoverEachOther) {
    for (bool stream : {true, false}) {
        Sim s(1);
        add_nodes(s, 2);
        s.connect(0, 1, stream);
        s.start();
        s.run_until(50);
        EXPECT_TRUE(s.converged());
        EXPECT_EQ(count_events(*s.nodes[0], EventKind::neighbour_up, 2), 1);
        EXPECT_EQ(count_events(*s.nodes[1], EventKind::node_reachable, 1), 1);
        Route r;
        ASSERT_TRUE(s.nodes[0]->net->route(2, r));
        EXPECT_EQ(r.hops, 1);
        EXPECT_EQ(r.next_hop, 2);
        EXPECT_EQ(s.nodes[0]->net->send(s.now, 2, Proto::datagram, payload_of("hi")), SendStatus::ok);
        s.run_until(s.now + 10);
        ASSERT_EQ(s.nodes[1]->delivered.size(), 1u);
        EXPECT_EQ(s.nodes[1]->delivered[0].src, 1);
        EXPECT_EQ(s.nodes[1]->delivered[0].proto, Proto::datagram);
        EXPECT_EQ(s.nodes[1]->delivered[0].payload, payload_of("hi"));
    }
}

TEST(Network, SendRefusesWhatItCannotCarry) {
    Sim s(2);
    add_nodes(s, 2);
    s.connect(0, 1, false);
    s.start();
    auto& net = *s.nodes[0]->net;
    EXPECT_EQ(net.send(0, 2, Proto::transport, payload_of("x")), SendStatus::no_route);  // not yet
    s.run_until(50);
    EXPECT_EQ(net.send(s.now, 2, Proto::transport, Bytes(kMaxPayload + 1)), SendStatus::too_big);
    EXPECT_EQ(net.send(s.now, 2, Proto::transport, Bytes(kMaxPayload)), SendStatus::ok);
    EXPECT_EQ(net.send(s.now, 1, Proto::transport, Bytes(3)), SendStatus::bad_destination);
    EXPECT_EQ(net.send(s.now, 0, Proto::transport, Bytes(3)), SendStatus::bad_destination);
    EXPECT_EQ(net.send(s.now, 9, Proto::transport, Bytes(3)), SendStatus::no_route);
    s.run_until(s.now + 10);
    ASSERT_EQ(s.nodes[1]->delivered.size(), 1u);
    EXPECT_EQ(s.nodes[1]->delivered[0].payload.size(), kMaxPayload);
}

// LTTit's stack changed the TTL under an end-to-end checksum and every packet died on its
// second hop. Here each hop re-frames (its own CRC) and only the TTL byte changes.
TEST(Network, ForwardsOverSeveralHopsWithTheTtlOnTheSecondHop) {
    for (bool stream : {true, false}) {
        Sim s(3);
        add_nodes(s, 5);
        line(s, 0, 5, stream);
        s.start();
        ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
        for (auto& n : s.nodes) n->record = true;
        const Bytes msg = payload_of("over four hops");
        ASSERT_EQ(s.nodes[0]->net->send(s.now, 5, Proto::transport, msg), SendStatus::ok);
        s.run_until(s.now + 20);
        ASSERT_EQ(s.nodes[4]->delivered.size(), 1u);
        EXPECT_EQ(s.nodes[4]->delivered[0].payload, msg);
        EXPECT_EQ(s.nodes[4]->delivered[0].src, 1);
        auto data_sent = [&](int node) {
            for (auto& [link, p] : s.nodes[node]->transmitted)
                if (p.size() > 1 && p[1] == std::uint8_t(Type::data)) return p;
            return Bytes{};
        };
        const Bytes first = data_sent(0), second = data_sent(1), third = data_sent(2);
        ASSERT_FALSE(first.empty());
        ASSERT_FALSE(second.empty());
        EXPECT_EQ(first[2], kDefaultTtl);
        EXPECT_EQ(second[2], kDefaultTtl - 1);  // the second hop
        EXPECT_EQ(third[2], kDefaultTtl - 2);
        Bytes a = first, b = second;
        a[2] = b[2] = 0;
        EXPECT_EQ(a, b);  // nothing else changed
        EXPECT_EQ(s.nodes[1]->net->counters().data_forwarded, 1u);
    }
}

TEST(Network, TtlExpiresInsteadOfLooping) {
    Sim s(4);
    add_nodes(s, 3);
    line(s, 0, 3, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    DataHeader h{1, Proto::datagram, 1, 3, s.nodes[0]->incarnation, 999};
    Bytes p(kDataHeader + 2);
    write_data(h, Bytes{1, 2}, p);
    s.nodes[1]->net->on_frame(s.now, 0, p);  // arrives at node 2 with TTL 1: not forwarded
    EXPECT_EQ(s.nodes[1]->net->counters().ttl_expired, 1u);
    s.run_until(s.now + 10);
    EXPECT_TRUE(s.nodes[2]->delivered.empty());
}

TEST(Network, SilentNeighbourIsDownWithinTheDeadIntervalAndComesBack) {
    Sim s(5);
    add_nodes(s, 4);
    ring(s, 0, 4, true);  // ids 1-2-3-4-1
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    Route r;
    ASSERT_TRUE(s.nodes[0]->net->route(2, r));
    EXPECT_EQ(r.hops, 1);
    // cut 1-2: node 1 reaches 2 the long way (1-4-3-2), after the dead interval
    s.links[0].up = false;
    Millis t = s.run_until_converged(s.timing.dead_ms + 100, 1);
    ASSERT_NE(t, kNoDeadline);
    EXPECT_LE(t, s.timing.dead_ms + 10);
    EXPECT_GE(t, s.timing.dead_ms - s.timing.hello_ms);  // it did wait for silence
    ASSERT_TRUE(s.nodes[0]->net->route(2, r));
    EXPECT_EQ(r.hops, 3);
    EXPECT_EQ(r.next_hop, 4);
    EXPECT_EQ(count_events(*s.nodes[0], EventKind::neighbour_down, 2), 1);
    EXPECT_EQ(count_events(*s.nodes[1], EventKind::neighbour_down, 1), 1);
    // restore: back to one hop within a hello period and a few link delays
    s.links[0].up = true;
    t = s.run_until_converged(s.timing.hello_ms + 100, 1);
    ASSERT_NE(t, kNoDeadline);
    EXPECT_LE(t, s.timing.hello_ms + 10);
    ASSERT_TRUE(s.nodes[0]->net->route(2, r));
    EXPECT_EQ(r.hops, 1);
}

TEST(Network, DeadNodeIsWithdrawnEverywhere) {
    Sim s(6);
    add_nodes(s, 6);
    line(s, 0, 6, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    s.kill(2);  // ids 1-2-(3)-4-5-6: the line falls in two
    const Millis t = s.run_until_converged(s.timing.dead_ms + 6 * 1 + 10, 1);
    ASSERT_NE(t, kNoDeadline);
    EXPECT_LE(t, s.timing.dead_ms + 6);
    Route r;
    EXPECT_FALSE(s.nodes[0]->net->route(3, r));
    EXPECT_FALSE(s.nodes[0]->net->route(6, r));
    EXPECT_FALSE(s.nodes[5]->net->route(1, r));
    EXPECT_TRUE(s.nodes[5]->net->route(4, r));
    EXPECT_GE(count_events(*s.nodes[5], EventKind::node_unreachable, 3), 1);
    // it reboots with a larger incarnation and rejoins
    s.reset(2);
    ASSERT_NE(s.run_until_converged(s.timing.hello_ms + 50, 1), kNoDeadline);
    EXPECT_EQ(s.nodes[0]->net->find_node(3)->incarnation, 2u);
}

// Adverts live 60 s and are refreshed every 20 s: a long line stays converged for three
// lifetimes, and a node that stops is forgotten once its advert's lifetime is over.
TEST(Network, AdvertsLiveThroughRefreshAndAgeOut) {
    Sim s(16);
    add_nodes(s, 40);
    line(s, 0, 40, false);
    s.faults.delay_min = s.faults.delay_max = 2;
    s.start();
    ASSERT_NE(s.run_until_converged(2000), kNoDeadline);
    for (Millis t = s.now; t < s.timing.lsa_max_age_ms * 3; t += 1000) {
        s.run_until(t);
        std::string why;
        ASSERT_TRUE(s.converged(&why)) << "t=" << t << ": " << why;
    }
    const net::NodeEntry* far = s.nodes[39]->net->find_node(1);
    ASSERT_NE(far, nullptr);
    EXPECT_GT(far->expires, s.now + s.timing.lsa_max_age_ms - s.timing.lsa_refresh_ms - 40 * 1000);
    s.kill(0);
    s.run_until(s.now + s.timing.lsa_max_age_ms + 41 * 1000);
    const net::NodeEntry* gone = s.nodes[39]->net->find_node(1);
    EXPECT_TRUE(gone == nullptr || !gone->has_lsa);
}

TEST(Network, RebootedNeighbourIsSeenAsRestarted) {
    Sim s(7);
    add_nodes(s, 3);
    line(s, 0, 3, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    s.reset(1);
    ASSERT_NE(s.run_until_converged(s.timing.hello_ms + 50, 1), kNoDeadline);
    EXPECT_EQ(count_events(*s.nodes[0], EventKind::neighbour_restarted, 2), 1);
    EXPECT_EQ(s.nodes[2]->net->find_node(2)->incarnation, 2u);
    // data from its new life is delivered (its sequence numbers start again)
    ASSERT_EQ(s.nodes[1]->net->send(s.now, 1, Proto::datagram, payload_of("again")), SendStatus::ok);
    s.run_until(s.now + 10);
    ASSERT_FALSE(s.nodes[0]->delivered.empty());
    EXPECT_EQ(s.nodes[0]->delivered.back().payload, payload_of("again"));
}

// Two nodes with the same id (or the same name) are refused, and both say so: as
// neighbours (hellos) and far apart (adverts).
TEST(Network, DuplicateIdsAndNamesAreRefusedOnBothSides) {
    struct Case {
        NodeId id_a, id_b;
        const char *name_a, *name_b;
        EventKind kind;
        bool far;
        Incarnation extra_b = 0;  // beta boots this much later
    };
    const Case cases[] = {
        {5, 5, "alpha", "beta", EventKind::conflict_same_id, false},
        {5, 6, "alpha", "alpha", EventKind::conflict_same_name, false},
        {5, 5, "alpha", "beta", EventKind::conflict_same_id, true},
        {5, 6, "alpha", "alpha", EventKind::conflict_same_name, true},
        {5, 5, "alpha", "beta", EventKind::conflict_same_id, true, 6},
        {5, 5, "beta", "alpha", EventKind::conflict_same_id, true, 6},
        {5, 6, "alpha", "alpha", EventKind::conflict_same_name, true, 6},
    };
    for (const Case& c : cases) {
        Sim s(8);
        s.add_node(c.id_a, c.name_a);
        s.add_node(c.id_b, c.name_b);
        s.nodes[1]->incarnation = c.extra_b;
        if (c.far) {
            s.add_node(9, "middle");
            s.connect(0, 2, false);
            s.connect(2, 1, false);
        } else {
            s.connect(0, 1, false);
        }
        s.start();
        s.run_until(c.far ? s.timing.lsa_refresh_ms + 3000 : 3000);  // an advert refresh included
        for (int i = 0; i < 2; i++) {
            const Node& n = *s.nodes[i];
            const Node& other = *s.nodes[1 - i];
            ASSERT_GE(count_events(n, c.kind), 1) << n.name << (c.far ? " far" : " near");
            const Event* e = nullptr;
            for (const Event& x : n.events)
                if (x.kind == c.kind) e = &x;
            EXPECT_EQ(e->node, other.id);
            EXPECT_STREQ(e->name, other.name.c_str());
            char line[120];
            describe(*e, n.net->self(), line, sizeof line);
            EXPECT_NE(std::strstr(line, "refused node"), nullptr) << line;
            EXPECT_NE(std::strstr(line, other.name.c_str()), nullptr) << line;
            // reported once, not at every hello
            EXPECT_LE(count_events(n, c.kind), 1 + int(s.now / kConflictRepeatMs));
            EXPECT_GT(n.net->counters().conflicts, 0u);
        }
        Route r;
        if (c.kind == EventKind::conflict_same_name) {
            EXPECT_FALSE(s.nodes[0]->net->route(c.id_b, r));
            EXPECT_FALSE(s.nodes[1]->net->route(c.id_a, r));
        }
        if (!c.far) {
            EXPECT_TRUE(s.nodes[0]->net->neighbours()[0].id == kNoNode || !s.nodes[0]->net->neighbours()[0].two_way);
        }
    }
    // and the console line reads well
    Identity me;
    make_identity(5, 1, "alpha", me);
    Event e{EventKind::conflict_same_id, 0xFF, 5, 3, "beta"};
    char line[120];
    describe(e, me, line, sizeof line);
    EXPECT_STREQ(line, "world: refused node 'beta' (id 5): it uses our id 5 (we are 'alpha')");
}

TEST(Network, DuplicatesAreDeliveredOnceAndOldPacketsNotAtAll) {
    Sim s(9);
    add_nodes(s, 2);
    s.connect(0, 1, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    auto& rx = *s.nodes[1]->net;
    const Incarnation inc = s.nodes[0]->incarnation;
    auto packet = [&](Incarnation i, std::uint32_t seq) {
        DataHeader h{8, Proto::datagram, 1, 2, i, seq};
        Bytes p(kDataHeader + 4);
        Bytes pay = {std::uint8_t(seq), std::uint8_t(seq >> 8), 0, 0};
        write_data(h, pay, p);
        return p;
    };
    for (std::uint32_t seq : {1000u, 1000u, 999u, 1001u, 999u, 1001u - 63u, 1001u - 64u, 1100u, 1099u, 1100u})
        rx.on_frame(s.now, 0, packet(inc, seq));
    // delivered: 1000, 999, 1001, 938, 1100, 1099; duplicates: 1000, 999, 1100; too old: 937
    EXPECT_EQ(s.nodes[1]->delivered.size(), 6u);
    EXPECT_EQ(rx.counters().data_duplicate, 3u);
    EXPECT_EQ(rx.counters().data_too_old, 1u);
    rx.on_frame(s.now, 0, packet(inc - 1 == 0 ? 0 : inc - 1, 5000));  // an older life: stale (or malformed if 0)
    rx.on_frame(s.now, 0, packet(inc + 5, 1));  // a later life: new window
    EXPECT_EQ(s.nodes[1]->delivered.size(), 7u);
    rx.on_frame(s.now, 0, packet(inc, 1101));  // the previous life, now stale
    EXPECT_EQ(s.nodes[1]->delivered.size(), 7u);
    EXPECT_GE(rx.counters().stale, 1u);
}

TEST(Network, MalformedPacketsAreCountedAndChangeNothing) {
    Sim s(10);
    add_nodes(s, 3);
    line(s, 0, 3, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    auto& net = *s.nodes[1]->net;
    const NetCounters before = net.counters();
    Hello h{};
    h.id = 7;
    h.incarnation = 1;
    std::strcpy(h.name, "x");
    Bytes good(kHelloFixed);
    write_hello(h, good);
    std::vector<Bytes> bad;
    bad.push_back({});                                       // empty
    bad.push_back({1});                                      // truncated
    bad.push_back({2, 1, 0, 0});                             // version 2
    bad.push_back({1, 9});                                   // unknown type
    bad.push_back(Bytes(good.begin(), good.end() - 1));      // short hello
    Bytes b = good; b[29] = 1; bad.push_back(b);             // says one heard, has none
    b = good; b[29] = 1; b.push_back(0xFF); b.push_back(0xFF); bad.push_back(b);  // heard: broadcast id
    b = good; b[2] = b[3] = 0; bad.push_back(b);             // id 0
    b = good; b[8] = 0; bad.push_back(b);                    // empty name
    b = good; b[8 + 15] = 'z'; bad.push_back(b);             // name not terminated
    b = good; b[10] = 0; b[11] = 'q'; bad.push_back(b);      // bytes after the NUL
    b = good; b[8] = ' '; bad.push_back(b);                  // not a valid name
    Lsa l{};
    l.origin = 7, l.incarnation = 1, l.seq = 1, l.lifetime_s = 60, l.count = 2;
    std::strcpy(l.name, "x");
    l.neighbours[0] = 3, l.neighbours[1] = 2;                // not ascending
    Bytes lb(kLsaFixed + 4);
    write_lsa(l, lb);
    bad.push_back(lb);
    l.neighbours[0] = 2, l.neighbours[1] = 3, l.seq = 0;     // seq 0
    write_lsa(l, lb);
    bad.push_back(lb);
    bad.push_back({1, 3, 5, 0, 1, 0, 2, 0});                 // short data
    Bytes d(kDataHeader + 2);
    write_data({0, Proto::datagram, 1, 2, 1, 1}, Bytes{1, 2}, d);  // TTL 0
    bad.push_back(d);
    Bytes huge(kDataHeader + kMaxPayload + 1);
    write_data({3, Proto::datagram, 1, 2, 1, 1}, {}, huge);
    huge.resize(kDataHeader + kMaxPayload + 1);
    bad.push_back(huge);
    for (const Bytes& p : bad) net.on_frame(s.now, 0, p);
    EXPECT_EQ(net.counters().malformed - before.malformed, bad.size());
    EXPECT_EQ(net.counters().bad_version - before.bad_version, 1u);
    EXPECT_EQ(net.counters().lsa_accepted, before.lsa_accepted);
    s.run_until(s.now + 100);
    EXPECT_TRUE(s.converged());
    EXPECT_EQ(s.nodes[1]->net->find_node(7), nullptr);
}

TEST(Network, UnknownProtoIsCountedNotDelivered) {
    Sim s(11);
    add_nodes(s, 2);
    s.connect(0, 1, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    Bytes d(kDataHeader + 1);
    write_data({3, Proto(7), 1, 2, s.nodes[0]->incarnation, 77}, Bytes{1}, d);
    s.nodes[1]->net->on_frame(s.now, 0, d);
    EXPECT_EQ(s.nodes[1]->net->counters().unknown_proto, 1u);
    EXPECT_TRUE(s.nodes[1]->delivered.empty());
}

TEST(Network, BroadcastReachesNeighboursOnly) {
    Sim s(12);
    add_nodes(s, 3);
    line(s, 0, 3, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    ASSERT_EQ(s.nodes[1]->net->send(s.now, kBroadcast, Proto::control, payload_of("all")), SendStatus::ok);
    ASSERT_EQ(s.nodes[0]->net->send(s.now, kBroadcast, Proto::control, payload_of("near")), SendStatus::ok);
    s.run_until(s.now + 10);
    EXPECT_EQ(s.nodes[0]->delivered.size(), 1u);
    EXPECT_EQ(s.nodes[2]->delivered.size(), 1u);
    ASSERT_EQ(s.nodes[1]->delivered.size(), 1u);
    EXPECT_EQ(s.nodes[1]->delivered[0].payload, payload_of("near"));
}

TEST(Network, NextDeadlineIsWhenItNextHasWork) {
    Sim s(13);
    add_nodes(s, 2);
    s.connect(0, 1, false);
    s.start();
    s.run_until(100);
    const Millis d = s.nodes[0]->net->next_deadline();
    EXPECT_GT(d, s.now);
    EXPECT_LE(d, s.now + s.timing.hello_ms);
    // polling before it changes nothing
    const auto sent = s.frames_sent;
    s.nodes[0]->net->poll(d - 1);
    EXPECT_EQ(s.frames_sent, sent);
    s.nodes[0]->net->poll(d);
    EXPECT_GT(s.frames_sent, sent);
}

// ---- frozen samples of every network message
namespace {
struct NetSample {
    const char* file;
    const char* what;
    Bytes bytes;
};
std::vector<NetSample> network_samples() {
    std::vector<NetSample> out;
    Hello h{};
    h.id = 0x0102;
    h.incarnation = 0x0A0B0C0D;
    std::strcpy(h.name, "m3-board");
    h.digest = 0xDEADBEEF;
    h.seq = 0x2A;
    h.heard_count = 2;
    h.heard[0] = 0x0003, h.heard[1] = 0x0204;
    Bytes b(kHelloFixed + 4);
    write_hello(h, b);
    out.push_back({"network_hello.hex", "hello: id 0x0102, incarnation 0x0a0b0c0d, name m3-board, digest 0xdeadbeef, seq 0x2a, heard 3 and 0x0204", b});
    Lsa l{};
    l.origin = 0x0102;
    l.incarnation = 0x0A0B0C0D;
    l.seq = 7;
    l.lifetime_s = 60;
    std::strcpy(l.name, "m3-board");
    l.count = 3;
    l.neighbours[0] = 3, l.neighbours[1] = 9, l.neighbours[2] = 0x0204;
    b.assign(kLsaFixed + 6, 0);
    write_lsa(l, b);
    out.push_back({"network_lsa.hex", "advert: origin 0x0102, incarnation 0x0a0b0c0d, seq 7, 60 s to live, name m3-board, neighbours 3, 9, 0x0204", b});
    DataHeader d{64, Proto::transport, 0x0102, 0x0204, 0x0A0B0C0D, 0x01020304};
    Bytes pay = {'p', 'i', 'n', 'g'};
    b.assign(kDataHeader + 4, 0);
    write_data(d, pay, b);
    out.push_back({"network_data.hex", "data: TTL 64, proto transport, 0x0102 -> 0x0204, incarnation 0x0a0b0c0d, seq 0x01020304, payload 'ping'", b});
    Bytes framed(stream_encoded_max(b.size()));
    framed.resize(stream_encode(b, framed));
    out.push_back({"network_data_stream.hex", "the data sample as a stream link sends it", framed});
    return out;
}
}  // namespace

TEST(NetworkFrozen, SamplesMatchByteForByteAndParse) {
    for (const NetSample& s : network_samples()) {
        const std::string path = world_test::frozen_path(s.file);
        if (world_test::writing_frozen()) world_test::write_hex(path, s.what, s.bytes);
        Bytes want;
        ASSERT_TRUE(world_test::read_hex(path, want)) << path;
        EXPECT_EQ(s.bytes, want) << s.file;
    }
    Bytes b;
    ASSERT_TRUE(world_test::read_hex(world_test::frozen_path("network_hello.hex"), b));
    Hello h;
    ASSERT_EQ(parse_hello(b, h), ParseError::none);
    EXPECT_EQ(h.id, 0x0102);
    EXPECT_STREQ(h.name, "m3-board");
    EXPECT_EQ(h.heard[1], 0x0204);
    ASSERT_TRUE(world_test::read_hex(world_test::frozen_path("network_lsa.hex"), b));
    Lsa l;
    ASSERT_EQ(parse_lsa(b, l), ParseError::none);
    EXPECT_EQ(l.seq, 7u);
    EXPECT_EQ(l.count, 3);
    ASSERT_TRUE(world_test::read_hex(world_test::frozen_path("network_data.hex"), b));
    DataHeader d;
    std::span<const std::uint8_t> p;
    ASSERT_EQ(parse_data(b, d, p), ParseError::none);
    EXPECT_EQ(d.seq, 0x01020304u);
    EXPECT_EQ(Bytes(p.begin(), p.end()), payload_of("ping"));
}

// ---- bounded random mutation of every message, fed to a live node: it keeps working
TEST(NetworkFuzz, MutatedMessagesNeverBreakANode) {
    Sim s(14);
    add_nodes(s, 3);
    line(s, 0, 3, false);
    s.start();
    ASSERT_NE(s.run_until_converged(1000), kNoDeadline);
    auto samples = network_samples();
    Rng rng(15);
    auto& target = *s.nodes[1]->net;
    for (int i = 0; i < 20000; i++) {
        Bytes m = samples[rng.below(3)].bytes;
        const int edits = 1 + int(rng.below(4));
        for (int e = 0; e < edits; e++) {
            switch (rng.below(4)) {
            case 0: if (!m.empty()) m[rng.below(std::uint32_t(m.size()))] ^= std::uint8_t(1 + rng.below(255)); break;
            case 1: m.insert(m.begin() + long(rng.below(std::uint32_t(m.size() + 1))), std::uint8_t(rng.next())); break;
            case 2: if (!m.empty()) m.erase(m.begin() + long(rng.below(std::uint32_t(m.size())))); break;
            case 3: m.resize(rng.below(std::uint32_t(m.size() + 1))); break;
            }
        }
        Hello h;
        Lsa l;
        DataHeader d;
        std::span<const std::uint8_t> p;
        (void)parse_hello(m, h), (void)parse_lsa(m, l), (void)parse_data(m, d, p);
        // forged messages must not be about the live nodes, or they would be real traffic
        if (m.size() >= 4 && (m[2] | m[3] << 8) >= 1 && (m[2] | m[3] << 8) <= 3) continue;
        if (m.size() >= 8 && m.size() > 1 && m[1] == 3) continue;
        target.on_frame(s.now, std::uint8_t(rng.below(2)), m);
    }
    EXPECT_GT(target.counters().malformed, 1000u);
    s.run_until(s.now + s.timing.lsa_max_age_ms + s.timing.dead_ms);  // forged adverts age out
    std::string why;
    EXPECT_TRUE(s.converged(&why)) << why;
    ASSERT_EQ(s.nodes[0]->net->send(s.now, 3, Proto::datagram, payload_of("still")), SendStatus::ok);
    s.run_until(s.now + 10);
    ASSERT_FALSE(s.nodes[2]->delivered.empty());
    EXPECT_EQ(s.nodes[2]->delivered.back().payload, payload_of("still"));
}
