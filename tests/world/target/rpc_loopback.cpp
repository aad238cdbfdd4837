// The RPC core on a board: two nodes in one image, each a transport and an RpcCore, over an
// in-memory wire that loses every 7th packet. Node "ash" reads, writes, lists and runs a
// shell line on "birch" and reads its own entry locally; a call to a node not in the world
// and one to a missing path end with their own results. Prints PASS, the RPC core's RAM
// (sizeof RpcCore without its message buffer) and the stack.
#include <cstring>

#include "tern/kernel.hpp"
#include "tern/task.hpp"
#include "tern/world/rpc.hpp"
#include "tern/world/transport.hpp"

using namespace tern;
using namespace tern::world;
using rpc::Op;
using RpcResult = rpc::Result;

namespace {
using Wire = Transport<2, 200, 8, 4, 2400, 1200>;
Millis now = 0;

struct Directory final : NodeDirectory {
    Entry find(std::string_view name) const override {
        if (name == "ash") return {1, true};
        if (name == "birch") return {2, true};
        return {0, false};
    }
    std::string_view name_at(std::size_t i) const override {
        return i == 0 ? "ash" : i == 1 ? "birch" : "";
    }
} directory;

// /nodes/<self>/stats/board, and a value to write and read back.
struct Stats final : RpcHandler {
    char value[16] = "none";
    std::size_t value_len = 4;
    RpcResult handle(Op op, std::string_view rest, std::span<const std::uint8_t> body,
                  ReplyWriter& reply) override {
        if (rest == "board" && op == Op::read) return reply.append("mps2-an385"), RpcResult::ok;
        if (rest == "value" && op == Op::write && body.size() <= sizeof value) {
            std::memcpy(value, body.data(), body.size());
            value_len = body.size();
            return RpcResult::ok;
        }
        if (rest == "value" && op == Op::read) return reply.append({value, value_len}), RpcResult::ok;
        if (op == Op::list && rest.empty()) return reply.append("board\nvalue\n"), RpcResult::ok;
        return RpcResult::no_such_path;
    }
};
struct Shell final : RpcHandler {
    RpcResult handle(Op op, std::string_view, std::span<const std::uint8_t> body,
                  ReplyWriter& reply) override {
        if (op != Op::control) return RpcResult::refused;
        reply.append("ran: ");
        reply.append(body);
        return RpcResult::ok;
    }
};

struct Node;
Node* nodes[2];

struct Node final : TransportSink, RpcBinding {
    NodeId id;
    Wire transport;
    RpcCore rpc;
    Stats stats;
    Shell shell;
    std::uint32_t packets = 0;
    RpcResult last = RpcResult::busy;
    char body[64];
    std::size_t body_len = 0;
    std::uint32_t completions = 0;
    Node(NodeId self, const char* name, Incarnation inc)
        : id(self), transport(inc), rpc(name, inc, directory, *this) {
        rpc.add_handler("stats", stats);
        rpc.add_handler("shell", shell);
    }
    void packet(NodeId dst, std::span<const std::uint8_t> bytes) override {
        if (++packets % 7 == 0 || dst < 1 || dst > 2) return;
        nodes[dst - 1]->transport.on_packet(now, id, bytes, *nodes[dst - 1]);
    }
    void delivered(NodeId src, std::span<const std::uint8_t> m) override { rpc.on_message(now, src, m); }
    void acked(NodeId dst, std::uint32_t m) override { rpc.on_acked(dst, m); }
    void lost(NodeId dst, std::uint32_t m, LossReason) override { rpc.on_lost(dst, m); }
    void peer_reset(NodeId peer, Incarnation) override { rpc.on_peer_reset(peer); }
    SendResult send(Millis t, NodeId dst, std::span<const std::uint8_t> m) override {
        return transport.send(t, dst, m);
    }
    void completed(std::uint32_t, RpcResult r, std::span<const std::uint8_t> b, bool) override {
        ++completions;
        last = r;
        body_len = b.size() < sizeof body ? b.size() : sizeof body;
        std::memcpy(body, b.data(), body_len);
    }
};

Node ash(1, "ash", 0x100), birch(2, "birch", 0x200);
Task runner;
Stack<2048> runner_stack;

// Runs the world until ash's call ends; true if it ended with `want` and (if given) `text`.
bool finish(std::uint32_t before, RpcResult want, const char* text) {
    for (int step = 0; step < 100000 && ash.completions == before; ++step) {
        ash.transport.poll(now, ash), birch.transport.poll(now, birch);
        ash.rpc.poll(now), birch.rpc.poll(now);
        Millis next = ash.transport.next_deadline();
        Millis other = birch.transport.next_deadline();
        if (other < next) next = other;
        if (ash.rpc.next_deadline() < next) next = ash.rpc.next_deadline();
        now = next == kNever || next <= now ? now + 1 : next;
    }
    return ash.completions == before + 1 && ash.last == want &&
           (!text || (ash.body_len == std::strlen(text) && !std::memcmp(ash.body, text, ash.body_len)));
}

bool expect(Op op, const char* path, const char* body, RpcResult want, const char* text) {
    std::uint32_t before = ash.completions;
    ash.rpc.call(now, op, path, {reinterpret_cast<const std::uint8_t*>(body), std::strlen(body)},
                 3000, 1);
    bool ok = finish(before, want, text);
    print("rpc: %s %s -> %s\r\n", op == Op::list ? "list" : op == Op::read ? "read" : op == Op::write ? "write" : "control",
          path, rpc::result_name(ash.last));
    return ok;
}

void runner_main(void*) {
    nodes[0] = &ash, nodes[1] = &birch;
    bool ok = expect(Op::read, "/nodes/birch/stats/board", "", RpcResult::ok, "mps2-an385");
    ok = expect(Op::write, "/nodes/birch/stats/value", "42", RpcResult::ok, "") && ok;
    ok = expect(Op::read, "/nodes/birch/stats/value", "", RpcResult::ok, "42") && ok;
    ok = expect(Op::list, "/nodes/birch/stats", "", RpcResult::ok, "board\nvalue\n") && ok;
    ok = expect(Op::control, "/nodes/birch/shell", "ps", RpcResult::ok, "ran: ps") && ok;
    std::uint32_t before = ash.completions;
    ash.rpc.shell(now, "birch", "uptime", 3000, 2);  // at birch uptime
    ok = finish(before, RpcResult::ok, "ran: uptime") && ok;
    print("rpc: at birch uptime -> %s\r\n", rpc::result_name(ash.last));
    ok = expect(Op::list, "/nodes", "", RpcResult::ok, "ash\nbirch\n") && ok;
    ok = expect(Op::read, "/nodes/ash/stats/board", "", RpcResult::ok, "mps2-an385") && ok;
    ok = expect(Op::read, "/nodes/cedar/stats/board", "", RpcResult::unknown_node, nullptr) && ok;
    ok = expect(Op::read, "/nodes/birch/nothing", "", RpcResult::no_such_path, nullptr) && ok;
    TaskStats stats;
    task_get_stats(runner, stats);
    // The core's state without its one message buffer (16 + path + body bytes).
    print("FIGURE rpc_state_ram_bytes %u\r\n", unsigned(sizeof(RpcCore) - rpc::kMaxMessage));
    print("FIGURE rpc_buffer_bytes %u\r\n", unsigned(rpc::kMaxMessage));
    print("FIGURE rpc_stack_bytes %u\r\n", unsigned(stats.stack_high_water));
    print(ok ? "rpc loopback: PASS\r\n" : "rpc loopback: FAIL\r\n");
    port::exit(ok ? 0 : 1);
}
}  // namespace

int main() {
    task_create(runner, "rpc", runner_main, nullptr, 2, runner_stack);
    start();
}
