// A simulated world for the RPC tests: nodes that each run a real TransportCore and an
// RpcCore, over a packet medium that can drop, duplicate, delay (so reorder) and cut
// packets, and nodes that reset with a new incarnation. Deterministic for a seed.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"
#include "tern/world/rpc.hpp"
#include "tern/world/transport.hpp"

namespace tern::world::rpctest {

using Bytes = std::vector<std::uint8_t>;
using RpcTransport = Transport<8, 200, 8, 16, 12000, 2048>;

inline std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string text_of(std::span<const std::uint8_t> b) {
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

struct Completion {
    std::uint32_t tag;
    rpc::Result result;
    Bytes body;
    bool truncated;
};

struct World;

struct Node final : TransportSink, RpcBinding {
    World* world = nullptr;
    NodeId id = 0;
    std::string name;
    Incarnation incarnation = 0;
    bool down = false;  // reset and not yet back: packets to it are lost
    std::unique_ptr<RpcTransport> transport;
    std::unique_ptr<RpcCore> rpc;
    std::vector<Completion> completions;
    std::function<void(const Completion&)> on_completed;  // the simulation's checks
    std::uint32_t sent_messages = 0;

    void packet(NodeId dst, std::span<const std::uint8_t> bytes) override;
    void delivered(NodeId src, std::span<const std::uint8_t> m) override;
    void acked(NodeId dst, std::uint32_t id) override { rpc->on_acked(dst, id); }
    void lost(NodeId dst, std::uint32_t id, LossReason) override { rpc->on_lost(dst, id); }
    void peer_reset(NodeId peer, Incarnation) override { rpc->on_peer_reset(peer); }
    SendResult send(Millis now, NodeId dst, std::span<const std::uint8_t> m) override {
        ++sent_messages;
        return transport->send(now, dst, m);
    }
    void completed(std::uint32_t tag, rpc::Result r, std::span<const std::uint8_t> body,
                   bool truncated) override {
        completions.push_back({tag, r, Bytes(body.begin(), body.end()), truncated});
        if (on_completed) on_completed(completions.back());
    }
};

struct World final : NodeDirectory {
    struct InFlight {
        Millis at;
        std::uint64_t order;
        NodeId src, dst;
        Bytes bytes;
    };
    struct Faults {
        std::uint32_t drop_per_mille = 0;
        std::uint32_t duplicate_per_mille = 0;
        std::uint32_t max_delay_ms = 0;  // uniform 1..max+1: packets overtake one another
    };

    Millis now = 0;
    world_test::Rng rng{1};
    Faults faults;
    std::vector<std::unique_ptr<Node>> nodes;  // node id = index + 1
    std::vector<InFlight> wire;
    std::uint64_t order = 0;
    std::set<std::pair<NodeId, NodeId>> cut;  // directed: packets src -> dst are lost
    std::set<NodeId> unlisted;               // the directory says: no route
    std::function<bool(NodeId, NodeId, std::span<const std::uint8_t>)> filter;  // false: lose
    std::function<void(Node&)> on_boot;  // registers handlers on a (new) RpcCore
    std::uint64_t packets = 0;

    Node& add(const std::string& name, Incarnation inc) {
        auto n = std::make_unique<Node>();
        n->world = this;
        n->id = NodeId(nodes.size() + 1);
        n->name = name;
        nodes.push_back(std::move(n));
        boot(*nodes.back(), inc);
        return *nodes.back();
    }
    Node& node(NodeId id) { return *nodes[id - 1]; }

    void boot(Node& n, Incarnation inc) {
        n.incarnation = inc;
        n.rpc.reset();
        n.transport = std::make_unique<RpcTransport>(inc);
        n.rpc = std::make_unique<RpcCore>(n.name, inc, *this, n);
        n.down = false;
        if (on_boot) on_boot(n);
    }

    // NodeDirectory: every node of the world, plus whatever the test unlists.
    Entry find(std::string_view name) const override {
        for (auto& n : nodes)
            if (n->name == name) return {n->id, !unlisted.count(n->id)};
        return {0, false};
    }
    std::string_view name_at(std::size_t i) const override {
        return i < nodes.size() ? std::string_view(nodes[i]->name) : std::string_view{};
    }

    void emit(NodeId src, NodeId dst, std::span<const std::uint8_t> bytes) {
        ++packets;
        if (dst == 0 || dst > nodes.size()) return;
        if (cut.count({src, dst}) || rng.chance(faults.drop_per_mille)) return;
        if (filter && !filter(src, dst, bytes)) return;
        int copies = rng.chance(faults.duplicate_per_mille) ? 2 : 1;
        for (int i = 0; i < copies; ++i) {
            Millis delay = faults.max_delay_ms ? 1 + rng.below(faults.max_delay_ms + 1) : 1;
            wire.push_back({now + delay, order++, src, dst, Bytes(bytes.begin(), bytes.end())});
        }
    }

    Millis next_event() const {
        Millis next = kNever;
        for (auto& p : wire) next = std::min(next, p.at);
        for (auto& n : nodes) {
            if (n->down) continue;
            next = std::min({next, n->transport->next_deadline(), n->rpc->next_deadline()});
        }
        return next;
    }

    // Everything due at `now`: packets in order of arrival, then timers.
    void step() {
        for (;;) {
            auto due = std::find_if(wire.begin(), wire.end(), [&](const InFlight& p) { return p.at <= now; });
            if (due == wire.end()) break;
            auto first = due;
            for (auto it = due; it != wire.end(); ++it)
                if (it->at < first->at || (it->at == first->at && it->order < first->order)) first = it;
            InFlight p = std::move(*first);
            wire.erase(first);
            Node& to = node(p.dst);
            if (!to.down && !cut.count({p.src, p.dst})) to.transport->on_packet(now, p.src, p.bytes, to);
        }
        for (auto& n : nodes) {
            if (n->down) continue;
            n->transport->poll(now, *n);
            n->rpc->poll(now);
        }
    }

    // Runs until `until` (or until nothing is pending when until is kNever).
    void run_until(Millis until) {
        for (int guard = 0; guard < 2000000; ++guard) {
            step();
            Millis next = next_event();
            if (next == kNever && until == kNever) return;
            if (next <= now) next = now + 1;
            if (next > until) {
                now = until;
                step();
                return;
            }
            now = next;
        }
    }
    void run_for(Millis ms) { run_until(now + ms); }
};

inline void Node::packet(NodeId dst, std::span<const std::uint8_t> bytes) { world->emit(id, dst, bytes); }
inline void Node::delivered(NodeId src, std::span<const std::uint8_t> m) { rpc->on_message(world->now, src, m); }

}  // namespace tern::world::rpctest
