// Transport unit tests: two nodes wired back to back, with losses chosen by each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "transport_harness.hpp"

namespace tern::world::test {
namespace {
using transport::kDataHeaderBytes;
using transport::kHeaderBytes;

struct Pair {
    std::unique_ptr<TestTransport> node[2];
    Recorder rec[2];
    NodeId id[2] = {1, 2};
    Millis now = 0;
    // Decides the fate of each packet: false drops it. `from` is 0 or 1.
    std::function<bool(int from, const Bytes&)> pass = [](int, const Bytes&) { return true; };
    std::size_t packets_sent[2] = {0, 0};

    Pair(Incarnation a = 100, Incarnation b = 200) {
        node[0] = std::make_unique<TestTransport>(a);
        node[1] = std::make_unique<TestTransport>(b);
    }
    TestTransport& A() { return *node[0]; }
    TestTransport& B() { return *node[1]; }
    void reboot(int i, Incarnation inc) {
        node[i] = std::make_unique<TestTransport>(inc);
        rec[i] = Recorder{};
    }
    // Polls both nodes and carries packets until nothing moves at this instant.
    void settle() {
        for (int round = 0; round < 1000; ++round) {
            bool moved = false;
            for (int i = 0; i < 2; ++i) {
                node[i]->poll(now, rec[i]);
                for (auto& p : rec[i].take_packets()) {
                    EXPECT_EQ(p.dst, id[1 - i]);
                    ++packets_sent[i];
                    moved = true;
                    if (pass(i, p.bytes)) node[1 - i]->on_packet(now, id[i], p.bytes, rec[1 - i]);
                }
            }
            if (!moved) return;
        }
        ADD_FAILURE() << "no quiescence";
    }
    // Runs until both nodes are idle (no timer) or `until`.
    void run(Millis until) {
        for (;;) {
            settle();
            Millis next = std::min(node[0]->next_deadline(), node[1]->next_deadline());
            if (next == kNever || next > until) return;
            now = std::max(now, next);
        }
    }
};

TEST(Transport, SendErrors) {
    TestTransport t(7);
    Bytes small(10);
    EXPECT_EQ(t.send(0, 0, small).error, SendError::no_such_peer);
    EXPECT_EQ(t.send(0, 0xFFFF, small).error, SendError::no_such_peer);
    Bytes huge(16385);
    EXPECT_EQ(t.send(0, 5, huge).error, SendError::too_big);
    for (NodeId n = 1; n <= 4; ++n) EXPECT_TRUE(t.send(0, n, small).ok());
    EXPECT_EQ(t.send(0, 5, small).error, SendError::no_such_peer);  // 4 peer slots
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(t.send(0, 1, small).ok());
    EXPECT_EQ(t.send(0, 1, small).error, SendError::queue_full);  // 8 messages
}

TEST(Transport, SendBufferBytesBound) {
    TestTransport t(7);
    Bytes big(16384);
    EXPECT_TRUE(t.send(0, 1, big).ok());
    EXPECT_TRUE(t.send(0, 1, big).ok());
    EXPECT_EQ(t.send(0, 1, Bytes(40000 - 2 * 16384 + 1)).error, SendError::queue_full);
    EXPECT_TRUE(t.send(0, 1, Bytes(40000 - 2 * 16384)).ok());
}

TEST(Transport, HelloThenOneMessage) {
    Pair w;
    Bytes msg = pattern(50, 1);
    SendResult r = w.A().send(0, 2, msg);
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r.id, 0u);
    EXPECT_EQ(w.A().next_deadline(), 0u);  // work to do now
    w.A().poll(0, w.rec[0]);
    ASSERT_EQ(w.rec[0].packets.size(), 1u);  // a hello first: B's incarnation is unknown
    EXPECT_EQ(w.rec[0].packets[0].bytes.size(), kHeaderBytes);
    EXPECT_EQ(w.rec[0].packets[0].bytes[1], std::uint8_t(transport::Type::hello));
    w.rec[0].packets.clear();
    w.A().on_packet(0, 2, Bytes{}, w.rec[0]);  // nothing
    EXPECT_EQ(w.A().counters().malformed, 1u);
    w.run(10000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    EXPECT_EQ(w.rec[1].deliveries[0].src, 1);
    EXPECT_EQ(w.rec[1].deliveries[0].bytes, msg);
    ASSERT_EQ(w.rec[0].acks.size(), 1u);
    EXPECT_EQ(w.rec[0].acks[0].second, r.id);
    EXPECT_TRUE(w.rec[0].losses.empty());
    EXPECT_EQ(w.A().next_deadline(), kNever);
    EXPECT_EQ(w.A().peer_info(2).incarnation, 200u);
    EXPECT_EQ(w.B().peer_info(1).incarnation, 100u);
    EXPECT_EQ(w.A().peer_info(2).in_flight, 0u);
}

TEST(Transport, EmptyMessage) {
    Pair w;
    ASSERT_TRUE(w.A().send(0, 2, Bytes{}).ok());
    w.run(10000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    EXPECT_TRUE(w.rec[1].deliveries[0].bytes.empty());
    EXPECT_EQ(w.rec[0].acks.size(), 1u);
}

TEST(Transport, FragmentsA16KMessageAndKeepsOrder) {
    Pair w;
    Bytes big = pattern(16384, 3), small = pattern(5, 9);
    ASSERT_TRUE(w.A().send(0, 2, big).ok());
    ASSERT_TRUE(w.A().send(0, 2, small).ok());
    ASSERT_TRUE(w.B().send(0, 1, big).ok());
    std::size_t biggest = 0;
    w.pass = [&](int, const Bytes& b) {
        biggest = std::max(biggest, b.size());
        return true;
    };
    w.run(60000);
    EXPECT_EQ(biggest, 200u);  // the MTU
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    EXPECT_EQ(w.rec[1].deliveries[0].bytes, big);
    EXPECT_EQ(w.rec[1].deliveries[1].bytes, small);
    ASSERT_EQ(w.rec[0].deliveries.size(), 1u);
    EXPECT_EQ(w.rec[0].deliveries[0].bytes, big);
    EXPECT_EQ(w.rec[0].acks.size(), 2u);
    EXPECT_EQ(w.rec[1].acks.size(), 1u);
    // 16384 / 158 -> 104 fragments, each sent once on a perfect wire.
    EXPECT_EQ(w.A().counters().retransmits, 0u);
}

TEST(Transport, RetransmitsLostFragmentsAndSuppressesDuplicates) {
    Pair w;
    Bytes big = pattern(3000, 5);
    ASSERT_TRUE(w.A().send(0, 2, big).ok());
    int data_seen = 0;
    w.pass = [&](int from, const Bytes& b) {
        if (from == 0 && b[1] == 1) {
            ++data_seen;
            if (data_seen == 3 || data_seen == 7) return false;      // two fragments lost
            if (data_seen == 5) {                                     // one duplicated
                return true;
            }
        }
        return true;
    };
    w.run(60000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    EXPECT_EQ(w.rec[1].deliveries[0].bytes, big);
    EXPECT_GE(w.A().counters().retransmits, 2u);
    // Replay every packet A ever sent: nothing is delivered twice.
    Pair again;
    std::vector<Bytes> log;
    again.pass = [&](int from, const Bytes& b) {
        if (from == 0) log.push_back(b);
        return true;
    };
    ASSERT_TRUE(again.A().send(0, 2, big).ok());
    again.run(60000);
    ASSERT_EQ(again.rec[1].deliveries.size(), 1u);
    for (auto& b : log) again.B().on_packet(again.now, 1, b, again.rec[1]);
    std::reverse(log.begin(), log.end());
    for (auto& b : log) again.B().on_packet(again.now, 1, b, again.rec[1]);
    EXPECT_EQ(again.rec[1].deliveries.size(), 1u);
    EXPECT_GT(again.B().counters().duplicates, 0u);
}

TEST(Transport, ReorderedFragmentsReassemble) {
    Pair w;
    Bytes big = pattern(1500, 11);
    ASSERT_TRUE(w.A().send(0, 2, big).ok());
    // Hold A's data packets and hand them over reversed.
    std::vector<Bytes> held;
    w.pass = [&](int from, const Bytes& b) {
        if (from == 0 && b[1] == 1) {
            held.push_back(b);
            return false;
        }
        return true;
    };
    w.settle();
    ASSERT_EQ(held.size(), 8u);  // the window
    w.pass = [](int, const Bytes&) { return true; };
    for (auto it = held.rbegin(); it != held.rend(); ++it) w.B().on_packet(w.now, 1, *it, w.rec[1]);
    w.run(60000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    EXPECT_EQ(w.rec[1].deliveries[0].bytes, big);
    EXPECT_EQ(w.A().counters().retransmits, 0u);
}

TEST(Transport, RttEstimateFollowsTheWireAndKarnSkipsRetransmissions) {
    Pair w;
    // Every packet takes 50 ms: delay by carrying it at the next step only.
    std::vector<std::pair<int, Bytes>> inflight;
    w.pass = [&](int from, const Bytes& b) {
        inflight.push_back({from, b});
        return false;
    };
    int queued = 0;
    for (int step = 0; step < 200; ++step) {
        while (queued < 20 && w.A().send(w.now, 2, pattern(20, std::uint8_t(queued))).ok()) ++queued;
        w.settle();
        w.now += 50;
        auto batch = std::exchange(inflight, {});
        for (auto& [from, b] : batch) w.node[1 - from]->on_packet(w.now, w.id[from], b, w.rec[1 - from]);
    }
    EXPECT_EQ(w.rec[1].deliveries.size(), 20u);
    PeerInfo info = w.A().peer_info(2);
    EXPECT_GE(info.srtt_ms, 95u);
    EXPECT_LE(info.srtt_ms, 105u);
    EXPECT_GE(info.rto_ms, transport::kMinRtoMs);
    EXPECT_EQ(w.A().counters().retransmits, 0u);
}

TEST(Transport, BacksOffExponentiallyThenReportsLoss) {
    Pair w;
    ASSERT_TRUE(w.A().send(0, 2, pattern(10, 1)).ok());
    w.run(1000 * 1000);  // learn B's incarnation first? no: the hello is answered
    w.rec[0] = Recorder{};
    SendResult r = w.A().send(w.now, 2, pattern(10, 2));
    ASSERT_TRUE(r.ok());
    std::vector<Millis> sent_at;
    w.pass = [&](int from, const Bytes&) {
        if (from == 0) sent_at.push_back(w.now);
        return false;  // a partition
    };
    Millis start = w.now;
    w.run(start + 10 * 60 * 1000);
    ASSERT_EQ(w.rec[0].losses.size(), 1u);
    EXPECT_EQ(w.rec[0].losses[0].id, r.id);
    EXPECT_EQ(w.rec[0].losses[0].why, LossReason::timeout);
    ASSERT_GE(sent_at.size(), 4u);
    // Gaps double up to the cap.
    Millis g1 = sent_at[2] - sent_at[1], g2 = sent_at[3] - sent_at[2];
    EXPECT_EQ(g2, 2 * g1);
    EXPECT_LE(sent_at.back() - sent_at[sent_at.size() - 2], transport::kMaxRtoMs);
    EXPECT_EQ(sent_at.size(), 1u + transport::kMaxRetries);
    EXPECT_GE(w.now - start, transport::kGiveUpMs);
    // After the partition heals, the next message goes through and B skipped the lost one.
    w.pass = [](int, const Bytes&) { return true; };
    Bytes next = pattern(30, 3);
    ASSERT_TRUE(w.A().send(w.now, 2, next).ok());
    w.run(w.now + 60000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    EXPECT_EQ(w.rec[1].deliveries[1].bytes, next);
}

TEST(Transport, UnreachablePeerHelloGivesUp) {
    Pair w;
    w.pass = [](int, const Bytes&) { return false; };
    SendResult r = w.A().send(0, 2, pattern(10, 1));
    w.run(10 * 60 * 1000);
    ASSERT_EQ(w.rec[0].losses.size(), 1u);
    EXPECT_EQ(w.rec[0].losses[0].id, r.id);
}

TEST(Transport, ReceiverRebootReportsInFlightLostAndNeverDeliversTwice) {
    Pair w;
    SendResult first = w.A().send(0, 2, pattern(10, 1));
    w.run(60000);
    ASSERT_EQ(w.rec[0].acks.size(), 1u);
    // The next message reaches B but B's acks are lost; then B reboots.
    SendResult second = w.A().send(w.now, 2, pattern(10, 2));
    w.pass = [](int from, const Bytes&) { return from == 0; };
    w.settle();
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    w.reboot(1, 201);
    w.pass = [](int, const Bytes&) { return true; };
    // A learns B's new life from its answer to the retransmission, and reports `second`
    // lost (it had been delivered once, to B's old life) ...
    w.run(w.now + 60000);
    ASSERT_EQ(w.rec[0].losses.size(), 1u);
    // ... and a message sent now goes to the new life.
    SendResult third = w.A().send(w.now, 2, pattern(10, 3));
    w.run(w.now + 60000);
    ASSERT_EQ(w.rec[0].losses.size(), 1u);
    EXPECT_EQ(w.rec[0].losses[0].id, second.id);
    EXPECT_EQ(w.rec[0].losses[0].why, LossReason::peer_reset);
    ASSERT_EQ(w.rec[0].resets.size(), 1u);
    EXPECT_EQ(w.rec[0].resets[0], (std::pair<NodeId, Incarnation>{2, 201}));
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    EXPECT_EQ(w.rec[1].deliveries[0].bytes, pattern(10, 3));
    ASSERT_EQ(w.rec[0].acks.size(), 2u);
    EXPECT_EQ(w.rec[0].acks[1].second, third.id);
    (void)first;
}

TEST(Transport, SenderRebootResetsTheReceiversStream) {
    Pair w;
    ASSERT_TRUE(w.A().send(0, 2, pattern(10, 1)).ok());
    ASSERT_TRUE(w.B().send(0, 1, pattern(3000, 1)).ok());
    // B's big message is half way when A reboots: B must report it lost, A's new life must
    // not see a partial message.
    int b_data = 0;
    w.pass = [&](int from, const Bytes& b) { return !(from == 1 && b[1] == 1 && ++b_data > 4); };
    w.run(5000);
    std::vector<Bytes> old_packets;  // A's old life's packets, replayed later
    ASSERT_EQ(w.rec[1].deliveries.size(), 1u);
    w.reboot(0, 101);
    w.pass = [](int, const Bytes&) { return true; };
    SendResult fresh = w.A().send(w.now, 2, pattern(20, 7));
    w.run(w.now + 120000);
    ASSERT_EQ(w.rec[1].resets.size(), 1u);
    EXPECT_EQ(w.rec[1].resets[0].second, 101u);
    ASSERT_EQ(w.rec[1].losses.size(), 1u);
    EXPECT_EQ(w.rec[1].losses[0].why, LossReason::peer_reset);
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    EXPECT_EQ(w.rec[1].deliveries[1].bytes, pattern(20, 7));
    EXPECT_TRUE(w.rec[0].deliveries.empty());
    EXPECT_EQ(w.rec[0].acks.size(), 1u);
    EXPECT_EQ(w.rec[0].acks[0].second, fresh.id);
}

TEST(Transport, StalePacketsFromAnOlderLifeAreDropped) {
    Pair w;
    std::vector<Bytes> from_a;
    w.pass = [&](int from, const Bytes& b) {
        if (from == 0) from_a.push_back(b);
        return true;
    };
    ASSERT_TRUE(w.A().send(0, 2, pattern(10, 1)).ok());
    w.run(60000);
    w.reboot(0, 150);
    ASSERT_TRUE(w.A().send(w.now, 2, pattern(10, 2)).ok());
    w.run(w.now + 60000);
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    std::uint32_t stale_before = w.B().counters().stale_incarnation;
    // The old life sent a hello and one data packet (which carried its ack).
    for (std::size_t i = 0; i < 2; ++i) w.B().on_packet(w.now, 1, from_a[i], w.rec[1]);
    EXPECT_EQ(w.B().counters().stale_incarnation, stale_before + 2);
    EXPECT_EQ(w.rec[1].deliveries.size(), 2u);
}

TEST(Transport, AnIncarnationJumpOfMoreThanHalfTheRangeIsANewLife) {
    Pair w(1, 200);
    ASSERT_TRUE(w.A().send(0, 2, pattern(10, 1)).ok());
    w.run(60000);
    w.reboot(0, 0x90000000u);
    ASSERT_TRUE(w.A().send(w.now, 2, pattern(10, 2)).ok());
    w.run(w.now + 60000);
    ASSERT_EQ(w.rec[1].resets.size(), 1u);
    EXPECT_EQ(w.rec[1].resets[0].second, 0x90000000u);
    ASSERT_EQ(w.rec[1].deliveries.size(), 2u);
    EXPECT_EQ(w.B().counters().stale_incarnation, 0u);
}

TEST(Transport, MalformedPacketsAreCountedAndIgnored) {
    Pair w;
    ASSERT_TRUE(w.A().send(0, 2, pattern(500, 1)).ok());
    std::vector<Bytes> good;
    w.pass = [&](int from, const Bytes& b) {
        if (from == 0 && b[1] == 1) good.push_back(b);
        return true;
    };
    w.run(60000);
    ASSERT_FALSE(good.empty());
    Bytes p = good[0];
    auto feed = [&](Bytes b) { w.B().on_packet(w.now, 1, b, w.rec[1]); };
    std::uint32_t before = w.B().counters().malformed;
    Bytes v = p; v[0] = 2; feed(v);                              // unknown version
    v = p; v[1] = 9; feed(v);                                    // unknown type
    v = p; v[2] = 1; feed(v);                                    // reserved bits
    v = p; v.resize(kDataHeaderBytes - 1); feed(v);              // cut header
    v = p; v[32] = 0xFF; v[33] = 0xFF; feed(v);                  // oversize length
    v = p; v[36] = 0xF0; feed(v);                                // offset past the end
    v = p; v[4] = v[5] = v[6] = v[7] = 0; feed(v);               // no incarnation
    EXPECT_EQ(w.B().counters().malformed, before + 7);
    EXPECT_EQ(w.rec[1].deliveries.size(), 1u);
}

TEST(Transport, OneReassemblyBufferIsSharedFairly) {
    // Two senders of big messages to one receiver: both get through, neither times out.
    std::unique_ptr<TestTransport> t[3];
    Recorder rec[3];
    for (int i = 0; i < 3; ++i) t[i] = std::make_unique<TestTransport>(Incarnation(10 + i));
    for (int k = 0; k < 3; ++k) {
        ASSERT_TRUE(t[1]->send(0, 1, pattern(4000, std::uint8_t(k))).ok());
        ASSERT_TRUE(t[2]->send(0, 1, pattern(4000, std::uint8_t(100 + k))).ok());
    }
    Millis now = 0;
    for (int step = 0; step < 100000; ++step) {
        bool moved = false;
        for (int i = 0; i < 3; ++i) {
            t[i]->poll(now, rec[i]);
            for (auto& p : rec[i].take_packets()) {
                moved = true;
                t[p.dst - 1]->on_packet(now, NodeId(i + 1), p.bytes, rec[p.dst - 1]);
            }
        }
        if (moved) continue;
        Millis next = kNever;
        for (auto& x : t) next = std::min(next, x->next_deadline());
        if (next == kNever) break;
        now = std::max(now + 1, next);
    }
    EXPECT_EQ(rec[0].deliveries.size(), 6u);
    EXPECT_EQ(rec[1].acks.size(), 3u);
    EXPECT_EQ(rec[2].acks.size(), 3u);
    EXPECT_TRUE(rec[1].losses.empty());
    EXPECT_TRUE(rec[2].losses.empty());
    EXPECT_GT(t[0]->counters().busy, 0u);
    int k1 = 0, k2 = 0;  // per sender, in order
    for (auto& d : rec[0].deliveries) {
        if (d.src == 2) {
            EXPECT_EQ(d.bytes, pattern(4000, std::uint8_t(k1++)));
        } else {
            EXPECT_EQ(d.bytes, pattern(4000, std::uint8_t(100 + k2++)));
        }
    }
}

TEST(Transport, CallbackMaySend) {
    // An echo: B answers each delivery from inside the callback.
    struct Echo final : TransportSink {
        Recorder inner;
        TestTransport* self = nullptr;
        void packet(NodeId d, std::span<const std::uint8_t> b) override { inner.packet(d, b); }
        void delivered(NodeId s, std::span<const std::uint8_t> m) override {
            inner.delivered(s, m);
            EXPECT_TRUE(self->send(0, s, m).ok());
        }
        void acked(NodeId d, std::uint32_t id) override { inner.acked(d, id); }
        void lost(NodeId d, std::uint32_t id, LossReason w) override { inner.lost(d, id, w); }
        void peer_reset(NodeId p, Incarnation i) override { inner.peer_reset(p, i); }
    };
    TestTransport a(1), b(2);
    Recorder ra;
    Echo eb;
    eb.self = &b;
    ASSERT_TRUE(a.send(0, 2, pattern(1000, 4)).ok());
    for (int i = 0; i < 100; ++i) {
        a.poll(0, ra);
        for (auto& p : ra.take_packets()) b.on_packet(0, 1, p.bytes, eb);
        b.poll(0, eb);
        for (auto& p : eb.inner.take_packets()) a.on_packet(0, 2, p.bytes, ra);
    }
    ASSERT_EQ(ra.deliveries.size(), 1u);
    EXPECT_EQ(ra.deliveries[0].bytes, pattern(1000, 4));
    EXPECT_EQ(eb.inner.acks.size(), 1u);
}

}  // namespace
}  // namespace tern::world::test
