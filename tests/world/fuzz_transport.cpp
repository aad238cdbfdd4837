// libFuzzer target: arbitrary packets from several sources into a transport that also
// sends, polls and sees time pass. Input: records [src][time step][length][bytes...];
// a length of 0xFF means "send a message of the next byte's size to src instead".
// Checks that nothing crashes (ASan, UBSan) and that what is delivered is within bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tern/world/transport.hpp"

using namespace tern::world;

namespace {
using FuzzTransport = Transport<4, 200, 8, 8, 4096, 2048>;

struct Sink final : TransportSink {
    void packet(NodeId, std::span<const std::uint8_t> b) override {
        if (b.size() > 200) std::abort();
    }
    void delivered(NodeId, std::span<const std::uint8_t> m) override {
        if (m.size() > 2048) std::abort();
    }
    void acked(NodeId, std::uint32_t) override {}
    void lost(NodeId, std::uint32_t, LossReason) override {}
    void peer_reset(NodeId, Incarnation) override {}
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::uint8_t message[256];
    FuzzTransport t(0x01020304);
    Sink sink;
    Millis now = 0;
    std::size_t i = 0;
    while (i + 3 <= size) {
        NodeId src = NodeId(1 + data[i] % 6);
        now += data[i + 1] * 37u;
        std::size_t n = data[i + 2];
        i += 3;
        if (n == 0xFF) {
            std::size_t len = i < size ? data[i++] : 0;
            (void)t.send(now, src, {message, len});
        } else {
            if (n > size - i) n = size - i;
            t.on_packet(now, src, {data + i, n}, sink);
            i += n;
        }
        if (t.next_deadline() <= now) t.poll(now, sink);
    }
    return 0;
}
