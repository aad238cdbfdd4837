// The RPC simulator (see rpc_sim.hpp for what it checks).
#include "rpc_sim.hpp"

#include <cstdio>
#include <map>

#include "rpc_world.hpp"

namespace tern::world::rpcsim {
namespace {

using namespace rpctest;
using rpc::Op;
using rpc::Result;

// The handlers every node serves. Their state is kept by the simulation (it outlives a node's
// reset, as a key's execution count must): what each call's handler saw.
struct Shared {
    std::map<std::string, std::uint32_t> executions;  // call key -> times a handler ran it
};

// kv: write k (body: 4-byte call key + value), read k (body: the key), list, "forbidden".
struct Kv final : RpcHandler {
    Shared* shared;
    Bytes value;
    Result handle(Op op, std::string_view rest, std::span<const std::uint8_t> body,
                  ReplyWriter& reply) override {
        if (op == Op::list && rest.empty()) return reply.append("k\n"), Result::ok;
        if (rest == "forbidden") return Result::refused;
        if (rest != "k" || body.size() < 4) return Result::no_such_path;
        ++shared->executions[text_of(body.first(4))];
        reply.append(body.first(4));
        if (op == Op::write) {
            value.assign(body.begin() + 4, body.end());
            return Result::ok;
        }
        if (op == Op::read) return reply.append(value), Result::ok;
        return Result::refused;
    }
};

// shell: control with a command line; its output is the line, then as many '.' as it asks.
struct Shell final : RpcHandler {
    Shared* shared;
    Result handle(Op op, std::string_view rest, std::span<const std::uint8_t> body,
                  ReplyWriter& reply) override {
        if (op != Op::control || !rest.empty()) return Result::refused;
        std::string line = text_of(body);
        ++shared->executions[line];
        reply.append(body);
        std::size_t dots = line.size() > 5 ? std::size_t(line[5] - '0') * 300 : 0;
        for (std::size_t i = 0; i < dots; ++i) reply.append(".");
        return Result::ok;
    }
};

struct Call {
    NodeId caller;
    Incarnation life;
    bool remote;
    Result expected;
    std::string key;  // what an ok reply starts with, and what the handler counts
    bool done = false;
    bool vanished = false;
};

struct Sim {
    World world;
    Shared shared;
    std::map<std::string, Kv> kv;
    std::map<std::string, Shell> shell;
    std::map<std::uint32_t, Call> calls;
    std::uint32_t next_tag = 1;
    Outcome out;
    bool clean = false;

    void fail(const std::string& why) {
        if (out.ok) {
            out.ok = false;
            out.failure = "t=" + std::to_string(world.now) + " " + why;
        }
    }

    void completed(Node& n, const Completion& c) {
        auto it = calls.find(c.tag);
        if (it == calls.end()) return fail("completion of an unknown tag " + std::to_string(c.tag));
        Call& call = it->second;
        std::string what = "call " + std::to_string(c.tag) + " (" + rpc::result_name(c.result) + ")";
        if (call.done) return fail(what + " ended twice");
        if (call.vanished) return fail(what + " ended after its caller reset");
        if (call.caller != n.id || call.life != n.incarnation) return fail(what + " ended on another node or life");
        call.done = true;
        ++out.stats.by_result[std::size_t(c.result)];
        // busy is a local shortage (call slots, the transport's queue), so even a schedule
        // without faults may see it; unreachable and timed out need a fault.
        bool network_error = c.result == Result::busy ||
            (!clean && (c.result == Result::unreachable || c.result == Result::timed_out));
        if (c.result != call.expected && !(call.remote && network_error))
            return fail(what + " expected " + rpc::result_name(call.expected));
        if (c.result == Result::ok && !call.key.empty()) {
            if (text_of(c.body).substr(0, call.key.size()) != call.key)
                return fail(what + " carries another call's reply");
            if (shared.executions[call.key] != 1) return fail(what + " ok but not executed exactly once");
        }
    }

    void boot(Node& n) {
        kv[n.name].shared = &shared;
        shell[n.name].shared = &shared;
        n.rpc->add_handler("kv", kv[n.name]);
        n.rpc->add_handler("shell", shell[n.name]);
        n.completions.clear();
        n.on_completed = [this, &n](const Completion& c) { completed(n, c); };
    }

    void reset(Node& n) {
        out.stats.late_replies += n.rpc->counters().late_replies;
        for (auto& [tag, call] : calls)
            if (call.caller == n.id && !call.done) call.vanished = true, ++out.stats.vanished;
        n.down = true;
        n.rpc.reset();
        n.transport.reset();
        ++out.stats.resets;
    }

    void issue(world_test::Rng& rng) {
        Node& from = world.node(NodeId(1 + rng.below(std::uint32_t(world.nodes.size()))));
        if (from.down) return;
        Node& to = world.node(NodeId(1 + rng.below(std::uint32_t(world.nodes.size()))));
        std::uint32_t tag = next_tag++;
        char key[4] = {char('K'), char(tag), char(tag >> 8), char(tag >> 16)};
        Call call{from.id, from.incarnation, to.id != from.id, Result::ok, {}};
        std::string path = "/nodes/" + to.name;
        Op op = Op::write;
        Bytes body;
        std::uint32_t kind = rng.below(100);
        if (kind < 55) {
            path += "/kv/k";
            op = rng.chance(500) ? Op::write : Op::read;
            call.key.assign(key, 4);
            body.assign(key, key + 4);
            if (op == Op::write) {
                Bytes v = rng.bytes(rng.below(rpc::kMaxBody - 4));
                body.insert(body.end(), v.begin(), v.end());
            }
        } else if (kind < 62) {
            path = "/nodes/ghost/kv/k", call.expected = Result::unknown_node, call.remote = false;
        } else if (kind < 69) {
            path += "/nothing/here", op = Op::read, call.expected = Result::no_such_path;
        } else if (kind < 76) {
            path += "/kv/forbidden", call.expected = Result::refused;
        } else if (kind < 80) {
            path += "/kv/k", body.resize(rpc::kMaxBody + 1), call.expected = Result::too_big;
            call.remote = false;
        } else if (kind < 92) {
            // at <node> <command line>: "echo N<digit>" asks for digit*300 bytes of output.
            std::string line = "echo " + std::string(1, char('0' + rng.below(5))) + " #" + std::to_string(tag);
            call.key = line;
            ++out.stats.calls;
            calls.emplace(tag, call);
            from.rpc->shell(world.now, to.name, line, timeout(rng), tag);
            return;
        } else {
            op = Op::list;
            if (rng.chance(300)) path = "/nodes", call.remote = false;
        }
        ++out.stats.calls;
        calls.emplace(tag, call);
        from.rpc->call(world.now, op, path, body, timeout(rng), tag);
    }

    std::uint32_t timeout(world_test::Rng& rng) {
        if (clean) return 20000;
        std::uint32_t k = rng.below(10);
        return k < 6 ? 300 + rng.below(3000) : k < 9 ? 3000 + rng.below(10000) : 60000;
    }
};

}  // namespace

Outcome run_schedule(std::uint64_t seed) {
    Sim sim;
    world_test::Rng rng(seed);
    World& w = sim.world;
    w.rng = world_test::Rng(seed * 7919 + 13);
    sim.clean = seed % 8 == 0;
    if (!sim.clean) {
        w.faults.drop_per_mille = rng.below(250);
        w.faults.duplicate_per_mille = rng.below(150);
    }
    w.faults.max_delay_ms = rng.below(300);
    w.on_boot = [&](Node& n) { sim.boot(n); };
    std::uint32_t node_count = 2 + rng.below(4);
    static const char* names[] = {"ash", "birch", "cedar", "dogwood", "elm"};
    for (std::uint32_t i = 0; i < node_count; ++i) w.add(names[i], 100 + i);

    std::map<NodeId, Millis> back_at;                       // reset nodes boot again then
    std::map<std::pair<NodeId, NodeId>, Millis> heal_at;    // partitions heal then
    const Millis kIssueUntil = 12000;
    while (w.now < kIssueUntil && sim.out.ok) {
        std::uint32_t what = rng.below(100);
        if (what < 70) {
            sim.issue(rng);
        } else if (!sim.clean && what < 78) {
            NodeId a = NodeId(1 + rng.below(node_count)), b = NodeId(1 + rng.below(node_count));
            if (a != b && !heal_at.count({a, b})) {
                Millis len = rng.chance(200) ? 35000 + rng.below(10000) : 100 + rng.below(8000);
                w.cut.insert({a, b}), w.cut.insert({b, a});
                heal_at[{a, b}] = w.now + len;
                ++sim.out.stats.partitions;
            }
        } else if (!sim.clean && what < 81) {
            Node& n = w.node(NodeId(1 + rng.below(node_count)));
            if (!n.down) sim.reset(n), back_at[n.id] = w.now + rng.below(3000);
        } else if (!sim.clean && what < 84) {
            NodeId a = NodeId(1 + rng.below(node_count));
            if (w.unlisted.count(a)) w.unlisted.erase(a); else w.unlisted.insert(a);
        }
        w.run_for(1 + rng.below(400));
        for (auto it = heal_at.begin(); it != heal_at.end();) {
            if (it->second <= w.now) {
                w.cut.erase(it->first);
                w.cut.erase({it->first.second, it->first.first});
                it = heal_at.erase(it);
            } else {
                ++it;
            }
        }
        for (auto it = back_at.begin(); it != back_at.end();) {
            if (it->second <= w.now) {
                Node& n = w.node(it->first);
                w.boot(n, n.incarnation + 1000);
                it = back_at.erase(it);
            } else {
                ++it;
            }
        }
    }
    // Heal everything and let every call end: the longest timeout is 60 s.
    w.cut.clear();
    w.unlisted.clear();
    for (auto& [id, at] : back_at) w.boot(w.node(id), w.node(id).incarnation + 1000);
    w.run_for(70000);
    for (auto& [tag, call] : sim.calls)
        if (!call.done && !call.vanished && sim.out.ok)
            sim.fail("call " + std::to_string(tag) + " never ended");
    for (auto& n : w.nodes)
        if (n->rpc && n->rpc->in_flight() != 0 && sim.out.ok) sim.fail(n->name + " still has calls in flight");
    for (auto& [key, count] : sim.shared.executions) {
        sim.out.stats.executions += count;
        if (count > 1 && sim.out.ok) sim.fail("a call executed " + std::to_string(count) + " times");
    }
    for (auto& n : w.nodes)
        if (n->rpc) sim.out.stats.late_replies += n->rpc->counters().late_replies;
    sim.out.stats.packets = w.packets;
    sim.out.stats.virtual_ms = w.now;
    return sim.out;
}

}  // namespace tern::world::rpcsim
