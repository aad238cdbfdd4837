// The transport over the real network layer: nodes on a ring, each running NetworkCore and
// TransportCore (proto 1), point-to-point links that can be cut. Messages cross several
// hops, and a link cut in the middle of a 16 KB message re-routes without a loss or a
// duplicate; a node that reboots is seen as a reset by the transport at the other end.
#include <gtest/gtest.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <vector>

#include "tern/world/network.hpp"
#include "transport_harness.hpp"

namespace tern::world::test {
namespace {

struct Ring;

struct RingNode final : NetworkIo, TransportSink {
    Ring* ring = nullptr;
    int index = 0;
    std::unique_ptr<Network<2, 8, 4>> net;
    std::unique_ptr<TestTransport> transport;
    Recorder rec;
    void transmit(std::uint8_t link, std::span<const std::uint8_t> packet) override;
    void deliver(NodeId src, Proto proto, std::span<const std::uint8_t> payload) override;
    // The binding passes on what the network learns of incarnations.
    void event(const Event& e) override;
    void packet(NodeId dst, std::span<const std::uint8_t> bytes) override;
    void delivered(NodeId src, std::span<const std::uint8_t> m) override { rec.delivered(src, m); }
    void acked(NodeId dst, std::uint32_t id) override { rec.acked(dst, id); }
    void lost(NodeId dst, std::uint32_t id, LossReason why) override { rec.lost(dst, id, why); }
    void peer_reset(NodeId p, Incarnation i) override { rec.peer_reset(p, i); }
};

// Link 0 of node i goes to link 1 of node i+1 (mod n). A frame takes 2 ms.
struct Ring {
    struct Frame { Millis at; int node; std::uint8_t link; Bytes bytes; };
    std::vector<RingNode> nodes;
    std::deque<Frame> wire;
    std::vector<bool> cut;  // cut[i]: the link between node i and node i+1
    Millis now = 0;
    std::uint64_t net_send_failures = 0;

    explicit Ring(int n) : nodes(std::size_t(n)), cut(std::size_t(n), false) {
        for (int i = 0; i < n; ++i) boot(i, 1);
    }
    void boot(int i, Incarnation inc) {
        RingNode& node = nodes[std::size_t(i)];
        node.ring = this;
        node.index = i;
        Identity id;
        char name[8];
        std::snprintf(name, sizeof name, "n%d", i);
        EXPECT_TRUE(make_identity(NodeId(i + 1), inc, name, id));
        node.net = std::make_unique<Network<2, 8, 4>>(id, node, now);
        node.transport = std::make_unique<TestTransport>(inc);
        node.rec = Recorder{};
    }
    void carry(int from, std::uint8_t link, std::span<const std::uint8_t> packet) {
        int n = int(nodes.size());
        int to = link == 0 ? (from + 1) % n : (from + n - 1) % n;
        int edge = link == 0 ? from : to;
        if (cut[std::size_t(edge)]) return;
        wire.push_back({now + 2, to, std::uint8_t(link == 0 ? 1 : 0), Bytes(packet.begin(), packet.end())});
    }
    void run_until(Millis until) {
        while (now < until) {
            while (!wire.empty() && wire.front().at <= now) {
                Frame f = std::move(wire.front());
                wire.pop_front();
                RingNode& node = nodes[std::size_t(f.node)];
                node.net->on_frame(now, f.link, f.bytes);
            }
            for (auto& node : nodes) {
                if (node.net->next_deadline() <= now) node.net->poll(now);
                if (node.transport->next_deadline() <= now) node.transport->poll(now, node);
            }
            now += 1;
        }
    }
};

void RingNode::event(const Event& e) {
    if (e.kind == EventKind::neighbour_restarted || e.kind == EventKind::node_reachable)
        transport->on_incarnation(ring->now, e.node, e.incarnation, *this);
}
void RingNode::transmit(std::uint8_t link, std::span<const std::uint8_t> packet) {
    ring->carry(index, link, packet);
}
void RingNode::deliver(NodeId src, Proto proto, std::span<const std::uint8_t> payload) {
    if (proto == Proto::transport) transport->on_packet(ring->now, src, payload, *this);
}
void RingNode::packet(NodeId dst, std::span<const std::uint8_t> bytes) {
    if (net->send(ring->now, dst, Proto::transport, bytes) != SendStatus::ok) ++ring->net_send_failures;
}

TEST(TransportOverNetwork, ManyHopsAndALinkCutMidMessage) {
    Ring ring(6);
    ring.run_until(10000);  // discovery and routes
    Route r;
    ASSERT_TRUE(ring.nodes[0].net->route(4, r));  // node id 4 is index 3: three hops away
    EXPECT_EQ(r.hops, 3);
    // Node 1 -> node 4 (three hops either way round), a small and a 16 KB message.
    Bytes big = pattern(16384, 9), small = pattern(100, 1);
    ASSERT_TRUE(ring.nodes[0].transport->send(ring.now, 4, small).ok());
    ASSERT_TRUE(ring.nodes[0].transport->send(ring.now, 4, big).ok());
    ASSERT_TRUE(ring.nodes[3].transport->send(ring.now, 1, small).ok());
    ring.run_until(ring.now + 300);
    // Cut the link the route uses, part way through the big message.
    ASSERT_TRUE(ring.nodes[0].net->route(4, r));
    int edge = r.link == 0 ? 0 : 5;
    ring.cut[std::size_t(edge)] = true;
    ring.run_until(ring.now + 120000);
    RingNode& dst = ring.nodes[3];
    ASSERT_EQ(dst.rec.deliveries.size(), 2u);
    EXPECT_EQ(dst.rec.deliveries[0].bytes, small);
    EXPECT_EQ(dst.rec.deliveries[1].bytes, big);
    EXPECT_EQ(ring.nodes[0].rec.acks.size(), 2u);
    EXPECT_TRUE(ring.nodes[0].rec.losses.empty());
    ASSERT_EQ(ring.nodes[0].rec.deliveries.size(), 1u);
    EXPECT_EQ(ring.nodes[0].rec.deliveries[0].bytes, small);
    ASSERT_TRUE(ring.nodes[0].net->route(4, r));
    EXPECT_EQ(r.link, edge == 0 ? 1 : 0);  // the other way round
}

// Two hops away, so the transport learns of the reboot from the network's adverts (or, if
// they come too late, from the rebooted node's answer: then the message is lost, not
// delivered to the new life).
TEST(TransportOverNetwork, AFarNodeRebootsAndTheTransportResets) {
    Ring ring(4);
    ring.run_until(10000);
    ASSERT_TRUE(ring.nodes[0].transport->send(ring.now, 3, pattern(50, 1)).ok());
    ring.run_until(ring.now + 5000);
    ASSERT_EQ(ring.nodes[0].rec.acks.size(), 1u);
    ring.boot(2, 2);  // node id 3 reboots with a larger incarnation
    ring.run_until(ring.now + 10000);
    ASSERT_TRUE(ring.nodes[0].transport->send(ring.now, 3, pattern(60, 2)).ok());
    ring.run_until(ring.now + 20000);
    // The network told the transport before it sent: delivered to the new life, no loss.
    ASSERT_EQ(ring.nodes[2].rec.deliveries.size(), 1u);
    EXPECT_EQ(ring.nodes[2].rec.deliveries[0].bytes, pattern(60, 2));
    ASSERT_EQ(ring.nodes[0].rec.resets.size(), 1u);
    EXPECT_EQ(ring.nodes[0].rec.resets[0].second, 2u);
    EXPECT_EQ(ring.nodes[0].rec.acks.size(), 2u);
    EXPECT_TRUE(ring.nodes[0].rec.losses.empty());
    EXPECT_EQ(ring.nodes[2].transport->counters().wrong_incarnation, 0u);
}

}  // namespace
}  // namespace tern::world::test
