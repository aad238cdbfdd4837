// The transport on a board: two transports in one image exchange messages over an
// in-memory wire that loses every 7th packet and duplicates every 11th, one of them the
// largest message the build allows, fragmented and reassembled; every byte is checked.
// Prints PASS, and the state's RAM (the transport without its buffers) and the stack.
// Knobs: TRANSPORT_LOOPBACK_MAX_MESSAGE (default 1024), TRANSPORT_LOOPBACK_SEND_BYTES.
#include "tern/kernel.hpp"
#include "tern/task.hpp"
#include "tern/world/transport.hpp"

using namespace tern;
using namespace tern::world;

#ifndef TRANSPORT_LOOPBACK_MAX_MESSAGE
#define TRANSPORT_LOOPBACK_MAX_MESSAGE 1024
#endif
#ifndef TRANSPORT_LOOPBACK_SEND_BYTES
#define TRANSPORT_LOOPBACK_SEND_BYTES (2 * TRANSPORT_LOOPBACK_MAX_MESSAGE)
#endif

namespace {
constexpr std::size_t kMax = TRANSPORT_LOOPBACK_MAX_MESSAGE;
using Node = Transport<4, 200, 8, 8, TRANSPORT_LOOPBACK_SEND_BYTES, kMax>;
constexpr std::size_t kBuffers = TRANSPORT_LOOPBACK_SEND_BYTES + kMax + 200;

Node a(0x1000), b(0x2000);
std::uint8_t message[kMax];
Task runner;
Stack<2048> runner_stack;

std::uint8_t content(std::uint32_t k, std::size_t i) { return std::uint8_t(k * 31 + i * 7 + (i >> 8)); }
std::size_t length_of(std::uint32_t k) { return k == 3 ? kMax : 1 + (k * 37) % 300; }
constexpr std::uint32_t kMessages = 12;

struct End final : TransportSink {
    Node* self;
    Node* other;
    NodeId id;
    std::uint32_t packets = 0, delivered_count = 0, acked_count = 0, bad = 0;
    Millis* now;
    void packet(NodeId dst, std::span<const std::uint8_t> bytes) override {
        ++packets;
        if (dst == id || packets % 7 == 0) return;  // lost
        other->on_packet(*now, id, bytes, *peer);
        if (packets % 11 == 0) other->on_packet(*now, id, bytes, *peer);  // duplicated
    }
    void delivered(NodeId src, std::span<const std::uint8_t> m) override {
        std::uint32_t k = delivered_count++;
        if (src == id || m.size() != length_of(k)) { ++bad; return; }
        for (std::size_t i = 0; i < m.size(); ++i)
            if (m[i] != content(k, i)) { ++bad; return; }
    }
    void acked(NodeId, std::uint32_t) override { ++acked_count; }
    void lost(NodeId, std::uint32_t, LossReason) override { ++bad; }
    void peer_reset(NodeId, Incarnation) override { ++bad; }
    End* peer = nullptr;
};

Millis now = 0;
End end_a, end_b;

void runner_main(void*) {
    end_a.self = &a, end_a.other = &b, end_a.id = 1, end_a.now = &now, end_a.peer = &end_b;
    end_b.self = &b, end_b.other = &a, end_b.id = 2, end_b.now = &now, end_b.peer = &end_a;
    std::uint32_t sent = 0;
    for (int step = 0; step < 100000 && end_a.acked_count < kMessages; ++step) {
        while (sent < kMessages) {
            std::size_t n = length_of(sent);
            for (std::size_t i = 0; i < n; ++i) message[i] = content(sent, i);
            if (!a.send(now, 2, {message, n}).ok()) break;
            ++sent;
        }
        a.poll(now, end_a);
        b.poll(now, end_b);
        Millis next = a.next_deadline() < b.next_deadline() ? a.next_deadline() : b.next_deadline();
        now = next == kNever ? now + 1 : (next > now ? next : now + 1);
    }
    bool ok = end_a.acked_count == kMessages && end_b.delivered_count == kMessages &&
              end_a.bad == 0 && end_b.bad == 0;
    TaskStats stats;
    task_get_stats(runner, stats);
    print("transport loopback: %u messages (largest %u B), %u+%u packets, %u retransmits, %u ms\r\n",
          unsigned(end_b.delivered_count), unsigned(kMax), unsigned(end_a.packets),
          unsigned(end_b.packets), unsigned(a.counters().retransmits), unsigned(now));
    print("FIGURE transport_state_ram_bytes %u\r\n", unsigned(sizeof(Node) - kBuffers));
    print("FIGURE transport_stack_bytes %u\r\n", unsigned(stats.stack_high_water));
    print(ok ? "transport loopback: PASS\r\n" : "transport loopback: FAIL\r\n");
    port::exit(ok ? 0 : 1);
}
}  // namespace

int main() {
    task_create(runner, "transport", runner_main, nullptr, 2, runner_stack);
    start();
}
