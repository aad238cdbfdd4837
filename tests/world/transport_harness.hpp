// Test helpers for the transport: a sink that records every event, and a two-node wire.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "tern/world/transport.hpp"

namespace tern::world::test {

using Bytes = std::vector<std::uint8_t>;
using TestTransport = Transport<4, 200, 8, 8, 40000, 16384>;

struct Recorder final : TransportSink {
    struct Packet { NodeId dst; Bytes bytes; };
    struct Delivery { NodeId src; Bytes bytes; };
    struct Loss { NodeId dst; std::uint32_t id; LossReason why; };
    std::vector<Packet> packets;
    std::vector<Delivery> deliveries;
    std::vector<std::pair<NodeId, std::uint32_t>> acks;
    std::vector<Loss> losses;
    std::vector<std::pair<NodeId, Incarnation>> resets;

    void packet(NodeId dst, std::span<const std::uint8_t> b) override {
        packets.push_back({dst, Bytes(b.begin(), b.end())});
    }
    void delivered(NodeId src, std::span<const std::uint8_t> m) override {
        deliveries.push_back({src, Bytes(m.begin(), m.end())});
    }
    void acked(NodeId dst, std::uint32_t id) override { acks.emplace_back(dst, id); }
    void lost(NodeId dst, std::uint32_t id, LossReason why) override {
        losses.push_back({dst, id, why});
    }
    void peer_reset(NodeId peer, Incarnation inc) override { resets.emplace_back(peer, inc); }
    std::vector<Packet> take_packets() { return std::exchange(packets, {}); }
};

inline Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = std::uint8_t(seed + i * 7 + (i >> 8));
    return b;
}

}  // namespace tern::world::test
