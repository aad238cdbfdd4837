// libFuzzer target: arbitrary messages from several nodes into an RpcCore that also makes
// calls (to paths the input names), sees the transport's acked/lost/reset events and time
// pass. Input: records [action][length][bytes...]:
//   action % 8 == 0..3: a message from node 2 + action with the bytes;
//   4: a call (op = bytes[0] % 4 + 1, path = the rest); 5: acked / 6: lost (message id =
//   length, from node 2); 7: peer reset of node 2, then time passes by length * 40 ms.
// Checks (abort): no crash (ASan, UBSan), each call ends exactly once, replies and
// requests sent stay within the build's bounds and parse back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tern/world/rpc.hpp"

using namespace tern::world;

namespace {
struct Directory final : NodeDirectory {
    Entry find(std::string_view name) const override {
        if (name == "b") return {2, true};
        if (name == "c") return {3, false};
        if (name == "d") return {4, true};
        return {0, false};
    }
    std::string_view name_at(std::size_t i) const override { return i == 0 ? "b" : i == 1 ? "c" : ""; }
};

struct Binding final : RpcBinding {
    std::uint32_t next_id = 0;
    std::uint32_t ended[256] = {};  // by tag
    SendResult send(Millis, NodeId, std::span<const std::uint8_t> m) override {
        rpc::Message parsed;
        if (m.size() > rpc::kMaxMessage || !rpc::parse(m, parsed)) std::abort();
        if (next_id % 5 == 4) return {0, SendError::queue_full};
        return {++next_id, SendError::none};
    }
    void completed(std::uint32_t tag, rpc::Result, std::span<const std::uint8_t> body, bool) override {
        if (tag >= 256 || ended[tag]++ != 0 || body.size() > rpc::kMaxBody) std::abort();
    }
};

struct Echo final : RpcHandler {
    rpc::Result handle(rpc::Op op, std::string_view rest, std::span<const std::uint8_t> body,
                       ReplyWriter& reply) override {
        if (op == rpc::Op::write) return rpc::Result::refused;
        reply.append(rest);
        reply.append(body);
        reply.append(body);  // twice: long bodies get truncated
        return rest == "missing" ? rpc::Result::no_such_path : rpc::Result::ok;
    }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Directory directory;
    Binding binding;
    Echo echo;
    RpcCore core("a", 7, directory, binding);
    core.add_handler("echo", echo);
    Millis now = 0;
    std::uint32_t calls = 0;
    std::size_t i = 0;
    while (i + 2 <= size) {
        std::uint8_t action = data[i] % 8, length = data[i + 1];
        i += 2;
        std::size_t n = length < size - i ? length : size - i;
        std::span<const std::uint8_t> bytes(data + i, n);
        i += n;
        if (action < 4) {
            core.on_message(now, NodeId(2 + action), bytes);
        } else if (action == 4 && n >= 1 && calls < 255) {
            std::string_view path(reinterpret_cast<const char*>(bytes.data() + 1), n - 1);
            core.call(now, rpc::Op(bytes[0] % 4 + 1), path, bytes, 100 + bytes[0] * 10, calls++);
        } else if (action == 5) {
            core.on_acked(2, length);
        } else if (action == 6) {
            core.on_lost(2, length);
        } else if (action == 7) {
            core.on_peer_reset(2);
            now += Millis(length) * 40;
            core.poll(now);
        }
        if (core.next_deadline() < now) std::abort();  // poll would have ended it
    }
    now += 100000;
    core.poll(now);
    if (core.in_flight() != 0) std::abort();
    for (std::uint32_t t = 0; t < calls; ++t)
        if (binding.ended[t] != 1) std::abort();
    return 0;
}
