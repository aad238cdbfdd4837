// The transport's wire format, frozen: a fixed exchange between two nodes is encoded and
// compared byte for byte with tests/world/frozen/transport_*.hex (docs/world-transport.md
// is the spec). If the encoder changes these bytes, that is a new wire version, not an
// edit of the samples. TERN_WORLD_WRITE_FROZEN=1 writes missing sample files only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "hex_samples.hpp"
#include "transport_harness.hpp"
#include "transport_sim.hpp"

namespace tern::world::test {
namespace {

// One reader of frozen samples for the tree (tests/support/hex_samples.hpp).
std::string hex(const Bytes& b) { return hex_samples::to_hex(b); }
bool read_hex(const std::string& path, Bytes* out) { return hex_samples::read_hex(path, *out); }

std::uint32_t u32(const Bytes& b, std::size_t at) {
    return b[at] | std::uint32_t(b[at + 1]) << 8 | std::uint32_t(b[at + 2]) << 16 |
           std::uint32_t(b[at + 3]) << 24;
}

constexpr Incarnation kA = 0x0A0B0C0D, kB = 0x01020304;
constexpr NodeId kIdA = 0x0001, kIdB = 0x0002;

// The exchange: A sends "hello, world" and a 400-byte message to B; A's second DATA packet
// (the 400-byte message's first fragment) is lost once.
struct Exchange {
    TestTransport a{kA}, b{kB};
    Recorder ra, rb;
    std::vector<std::pair<std::string, Bytes>> named;
    Exchange() {
        Bytes hello = {'h', 'e', 'l', 'l', 'o', ',', ' ', 'w', 'o', 'r', 'l', 'd'};
        EXPECT_TRUE(a.send(0, kIdB, hello).ok());
        EXPECT_TRUE(a.send(0, kIdB, pattern(400, 0x40)).ok());
        a.poll(0, ra);
        Bytes p = one(ra);
        named.push_back({"transport_hello", p});
        b.on_packet(1, kIdA, p, rb);
        b.poll(1, rb);
        p = one(rb);
        named.push_back({"transport_ack_hello", p});
        a.on_packet(2, kIdB, p, ra);
        a.poll(2, ra);
        auto data = ra.take_packets();
        EXPECT_EQ(data.size(), 4u);  // "hello, world" and three fragments
        named.push_back({"transport_data_single", data[0].bytes});
        named.push_back({"transport_data_fragment", data[2].bytes});
        b.on_packet(3, kIdA, data[0].bytes, rb);  // delivered
        b.on_packet(3, kIdA, data[2].bytes, rb);  // data[1] lost
        b.on_packet(3, kIdA, data[3].bytes, rb);
        b.poll(4, rb);
        named.push_back({"transport_ack_sack", one(rb)});
        b.on_packet(5, kIdA, data[1].bytes, rb);  // the retransmission, say
        b.poll(5, rb);
        named.push_back({"transport_ack", one(rb)});
    }
    static Bytes one(Recorder& r) {
        auto ps = r.take_packets();
        EXPECT_EQ(ps.size(), 1u);
        return ps.empty() ? Bytes{} : ps[0].bytes;
    }
};

TEST(TransportWire, FrozenSamplesByteForByte) {
    const bool write = std::getenv("TERN_WORLD_WRITE_FROZEN") != nullptr;
    Exchange x;
    ASSERT_EQ(x.named.size(), 6u);
    for (auto& [name, bytes] : x.named) {
        SCOPED_TRACE(name);
        std::string path = std::string(WORLD_TEST_DIR) + "/frozen/" + name + ".hex";
        Bytes frozen;
        if (!read_hex(path, &frozen) && write) {
            std::ofstream(path) << hex(bytes);
            ASSERT_TRUE(read_hex(path, &frozen));
        }
        ASSERT_FALSE(frozen.empty()) << "missing " << path;
        EXPECT_EQ(hex(frozen), hex(bytes));
    }
    ASSERT_EQ(x.rb.deliveries.size(), 2u);
    EXPECT_EQ(x.rb.deliveries[1].bytes, pattern(400, 0x40));
}

// The fields at the offsets docs/world-transport.md gives them, read from the files.
TEST(TransportWire, FrozenFieldsAtTheirDocumentedOffsets) {
    auto load = [](const char* name) {
        Bytes b;
        EXPECT_TRUE(read_hex(std::string(WORLD_TEST_DIR) + "/frozen/" + name + ".hex", &b)) << name;
        return b;
    };
    Bytes hello = load("transport_hello");
    ASSERT_EQ(hello.size(), 28u);
    EXPECT_EQ(hello[0], 1);  // version
    EXPECT_EQ(hello[1], 2);  // hello
    EXPECT_EQ(hello[2] | hello[3], 0);
    EXPECT_EQ(u32(hello, 4), kA);
    EXPECT_EQ(u32(hello, 8), 0u);  // B's incarnation not known yet

    Bytes reply = load("transport_ack_hello");
    ASSERT_EQ(reply.size(), 28u);
    EXPECT_EQ(reply[1], 0);  // ack
    EXPECT_EQ(u32(reply, 4), kB);
    EXPECT_EQ(u32(reply, 8), kA);

    Bytes single = load("transport_data_single");
    ASSERT_EQ(single.size(), 42u + 12u);
    EXPECT_EQ(single[1], 1);  // data
    EXPECT_EQ(u32(single, 8), kB);
    EXPECT_EQ(u32(single, 24), 0u);  // una
    EXPECT_EQ(u32(single, 28), 0u);  // seq
    EXPECT_EQ(u32(single, 32), 12u);  // message length
    EXPECT_EQ(u32(single, 36), 0u);   // offset
    EXPECT_EQ(single[40] | single[41] << 8, 0);  // fragment index
    EXPECT_EQ(std::string(single.begin() + 42, single.end()), "hello, world");

    Bytes frag = load("transport_data_fragment");  // fragment 1 of the 400-byte message
    ASSERT_EQ(frag.size(), 200u);
    EXPECT_EQ(u32(frag, 28), 2u);
    EXPECT_EQ(u32(frag, 32), 400u);
    EXPECT_EQ(u32(frag, 36), 158u);
    EXPECT_EQ(frag[40] | frag[41] << 8, 1);

    Bytes sack = load("transport_ack_sack");
    EXPECT_EQ(u32(sack, 12), 1u);     // delivered everything below seq 1
    EXPECT_EQ(u32(sack, 16), 1u);     // holds nothing of seq 1 ...
    EXPECT_EQ(u32(sack, 20), 0b11u);  // ... but holds seqs 2 and 3

    Bytes ack = load("transport_ack");
    EXPECT_EQ(u32(ack, 12), 4u);
    EXPECT_EQ(u32(ack, 16), 4u);
    EXPECT_EQ(u32(ack, 20), 0u);
}

// The frozen packets are accepted by a transport built today.
TEST(TransportWire, FrozenPacketsAreUnderstood) {
    Bytes hello, single, reply;
    ASSERT_TRUE(read_hex(std::string(WORLD_TEST_DIR) + "/frozen/transport_hello.hex", &hello));
    ASSERT_TRUE(read_hex(std::string(WORLD_TEST_DIR) + "/frozen/transport_data_single.hex", &single));
    ASSERT_TRUE(read_hex(std::string(WORLD_TEST_DIR) + "/frozen/transport_ack_hello.hex", &reply));
    TestTransport b(kB), a(kA);
    Recorder rb, ra;
    b.on_packet(0, kIdA, hello, rb);
    b.on_packet(0, kIdA, single, rb);
    ASSERT_EQ(rb.deliveries.size(), 1u);
    EXPECT_EQ(rb.deliveries[0].src, kIdA);
    EXPECT_EQ(std::string(rb.deliveries[0].bytes.begin(), rb.deliveries[0].bytes.end()), "hello, world");
    a.on_packet(0, kIdB, reply, ra);
    EXPECT_EQ(a.peer_info(kIdB).incarnation, kB);
}

// A bounded slice of the random-mutation fuzzing (the libFuzzer target runs it longer):
// mutated and random packets never crash or corrupt a transport, and it keeps working.
TEST(TransportWire, MutatedPacketsAreHarmless) {
    Exchange x;
    std::vector<Bytes> seeds;
    for (auto& [name, b] : x.named) seeds.push_back(b);
    std::uint64_t s = 12345;
    auto rnd = [&] { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; };
    TestTransport t(kB);
    Recorder r;
    for (int i = 0; i < 20000; ++i) {
        Bytes b = seeds[rnd() % seeds.size()];
        int edits = 1 + int(rnd() % 4);
        for (int e = 0; e < edits; ++e) {
            switch (rnd() % 4) {
                case 0: if (!b.empty()) b[rnd() % b.size()] ^= std::uint8_t(1 << (rnd() % 8)); break;
                case 1: if (!b.empty()) b[rnd() % b.size()] = std::uint8_t(rnd()); break;
                case 2: b.resize(rnd() % 256, std::uint8_t(rnd())); break;
                case 3: if (b.size() > 8) { std::size_t at = 4 * (rnd() % (b.size() / 4)); if (at + 4 <= b.size()) for (int k = 0; k < 4; ++k) b[at + std::size_t(k)] = std::uint8_t(rnd()); } break;
            }
        }
        t.on_packet(Millis(i), NodeId(1 + rnd() % 6), b, r);
        if (i % 64 == 0) t.poll(Millis(i), r);
        r.packets.clear();
        for (auto& d : r.deliveries) ASSERT_LE(d.bytes.size(), 16384u);
        r.deliveries.clear();
    }
    EXPECT_GT(t.counters().malformed, 0u);
    // Still a working transport: a fresh sender (id 8) gets a message through.
    Recorder rp, rt;
    TestTransport fresh_sender(500);
    ASSERT_TRUE(fresh_sender.send(30000, 2, pattern(300, 1)).ok());
    for (int round = 0; round < 20; ++round) {
        fresh_sender.poll(30000, rp);
        for (auto& p : rp.take_packets()) t.on_packet(30000, 8, p.bytes, rt);
        t.poll(30000, rt);
        for (auto& p : rt.take_packets())
            if (p.dst == 8) fresh_sender.on_packet(30000, 2, p.bytes, rp);
    }
    // The peer table (4 slots) may be full of forged senders; then the refusal is counted.
    if (rt.deliveries.empty()) {
        EXPECT_GT(t.counters().no_peer_slot, 0u);
    } else {
        EXPECT_EQ(rt.deliveries[0].bytes, pattern(300, 1));
    }
}

// The simulator on a perfect wire: everything acked, nothing lost.
TEST(TransportSim, PerfectWireLosesNothing) {
    sim::Options o;
    o.faults = false;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        sim::Result r = sim::run_schedule(seed, o);
        ASSERT_TRUE(r.ok) << "seed " << seed << ": " << r.failure;
        EXPECT_EQ(r.stats.acked, r.stats.messages) << "seed " << seed;
    }
}

// The simulator's schedules do exercise every fault kind (so its invariant is not vacuous).
TEST(TransportSim, SchedulesExerciseResetsAndPartitions) {
    std::uint32_t resets = 0, long_partitions = 0, lost = 0, acked = 0;
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        sim::Result r = sim::run_schedule(seed);
        ASSERT_TRUE(r.ok) << "seed " << seed << ": " << r.failure;
        resets += r.stats.resets, long_partitions += r.stats.long_partitions;
        lost += r.stats.lost_timeout + r.stats.lost_reset, acked += r.stats.acked;
    }
    EXPECT_GT(resets, 20u);
    EXPECT_GT(long_partitions, 10u);
    EXPECT_GT(lost, 0u);
    EXPECT_GT(acked, 3 * lost);
}

}  // namespace
}  // namespace tern::world::test
