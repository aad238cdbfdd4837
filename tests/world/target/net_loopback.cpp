// The link and network layers on a board: three nodes in one image, in a line (1 - 2 - 3)
// over in-memory byte-stream links (COBS frames, garbage injected between them). They
// discover each other, node 1 sends to node 3 over two hops (node 2 forwards: the TTL of the
// second hop), then the 1-2 link is cut and node 1 must withdraw its route to 3 after the
// dead interval, and get it back when the link is restored. Prints PASS and the figures
// tools/bench/run-bench reports (the state's RAM without buffers and tables, the stack).
#include "tern/kernel.hpp"
#include "tern/task.hpp"
#include "tern/world/link.hpp"
#include "tern/world/network.hpp"

using namespace tern;
using namespace tern::world;

namespace {
constexpr int kNodes = 3;
using Net = Network<2, 8, 4>;

// One direction of a link: a byte FIFO of whole encoded frames.
struct Pipe {
    std::uint8_t bytes[768];  // a step carries a few frames: a database sync is 3 adverts
    std::size_t len = 0;
    bool up = true;
    void push(std::span<const std::uint8_t> b) {
        if (!up || len + b.size() > sizeof bytes) return;  // a full UART drops
        for (std::uint8_t x : b) bytes[len++] = x;
    }
};

struct Node final : NetworkIo {
    Net* net = nullptr;
    Pipe* out[2] = {nullptr, nullptr};  // per link
    StreamReceiver<> rx[2];
    std::uint32_t delivered = 0, bad = 0, conflicts = 0;
    void transmit(std::uint8_t link, std::span<const std::uint8_t> packet) override {
        std::uint8_t wire[kStreamFrameMax];
        const std::size_t n = stream_encode(packet, wire);
        if (out[link] && n) out[link]->push({wire, n});
    }
    void deliver(NodeId src, Proto proto, std::span<const std::uint8_t> p) override {
        const char want[] = "two hops";
        bool ok = src == 1 && proto == Proto::datagram && p.size() == sizeof want;
        for (std::size_t i = 0; ok && i < p.size(); i++) ok = p[i] == std::uint8_t(want[i]);
        ok ? delivered++ : bad++;
    }
    void event(const Event& e) override {
        if (e.kind == EventKind::conflict_same_id || e.kind == EventKind::conflict_same_name) conflicts++;
    }
};

Node nodes[kNodes];
Pipe pipes[4];  // node 1->2, 2->1, 3->2, 2->3
Millis now = 0;
Task runner;
Stack<2048> runner_stack;

void drain(Pipe& p, Node& to, std::uint8_t link) {
    // garbage between frames, as a noisy UART gives it: it must cost nothing
    static const std::uint8_t garbage[] = {0x13, 0x00, 0x7E, 0x00, 0x55, 0xAA};
    if ((now % 97) == 0) to.rx[link].feed(garbage, [&](std::span<const std::uint8_t> f) { to.net->on_frame(now, link, f); });
    to.rx[link].feed({p.bytes, p.len}, [&](std::span<const std::uint8_t> f) { to.net->on_frame(now, link, f); });
    p.len = 0;
}

void step() {
    drain(pipes[0], nodes[1], 0);
    drain(pipes[1], nodes[0], 0);
    drain(pipes[2], nodes[1], 1);
    drain(pipes[3], nodes[2], 0);
    for (Node& n : nodes) n.net->poll(now);
    now++;
}

bool has_route(int from, NodeId to) {
    Route r;
    return nodes[from].net->route(to, r);
}

bool run_until(bool (*done)(), Millis limit) {
    const Millis end = now + limit;
    while (now < end) {
        if (done()) return true;
        step();
    }
    return done();
}

void runner_main(void*) {
    // Built here, not as globals: they start at the time they are given. Function-local
    // statics (no placement new: picolibc's toolchain has no <new>).
    Identity ids[kNodes];
    make_identity(1, 1, "m3-a", ids[0]);
    make_identity(2, 1, "m3-b", ids[1]);
    make_identity(3, 1, "m3-c", ids[2]);
    static Net net_a(ids[0], nodes[0], now, Timing{}, 1);
    static Net net_b(ids[1], nodes[1], now, Timing{}, 2);  // links to a and to c
    static Net net_c(ids[2], nodes[2], now, Timing{}, 1);
    nodes[0].net = &net_a, nodes[1].net = &net_b, nodes[2].net = &net_c;
    nodes[0].out[0] = &pipes[0];
    nodes[1].out[0] = &pipes[1];
    nodes[1].out[1] = &pipes[3];
    nodes[2].out[0] = &pipes[2];

    const Millis t0 = now;
    bool ok = run_until([] { return has_route(0, 3) && has_route(2, 1) && has_route(1, 1) && has_route(1, 3); }, 1000);
    const Millis discovered = now - t0;
    Route r{};
    ok = ok && nodes[0].net->route(3, r) && r.hops == 2;
    static const char msg[] = "two hops";
    ok = ok && nodes[0].net->send(now, 3, Proto::datagram, {reinterpret_cast<const std::uint8_t*>(msg), sizeof msg}) == SendStatus::ok;
    run_until([] { return nodes[2].delivered > 0; }, 50);
    ok = ok && nodes[2].delivered == 1 && nodes[1].net->counters().data_forwarded == 1;

    pipes[0].up = pipes[1].up = false;  // cut 1-2
    const Millis cut = now;
    ok = ok && run_until([] { return !has_route(0, 3) && !has_route(2, 1); }, 3000);
    const Millis withdrawn = now - cut;
    ok = ok && withdrawn <= Timing{}.dead_ms + 10;
    pipes[0].up = pipes[1].up = true;
    const Millis restored_at = now;
    ok = ok && run_until([] { return has_route(0, 3) && has_route(2, 1); }, 1000);
    const Millis restored = now - restored_at;

    std::uint32_t rejected = 0;
    for (Node& n : nodes)
        for (auto& rx : n.rx) rejected += rx.counters().rejected();
    ok = ok && rejected > 0 && nodes[0].bad + nodes[1].bad + nodes[2].bad == 0;
    ok = ok && nodes[0].conflicts + nodes[1].conflicts + nodes[2].conflicts == 0;

    TaskStats stats;
    task_get_stats(runner, stats);
    print("net loopback: discovered in %u ms, withdrawn %u ms after the cut, restored in %u ms, %u garbage frames rejected\r\n",
          unsigned(discovered), unsigned(withdrawn), unsigned(restored), unsigned(rejected));
    // State without buffers: the core less its one packet buffer, and a stream receiver less
    // its frame buffer; the tables are per entry.
    print("FIGURE net_state_ram_bytes %u\r\n", unsigned(sizeof(NetworkCore) - kLinkMtu));
    print("FIGURE net_node_entry_bytes %u\r\n", unsigned(sizeof(net::NodeEntry)));
    print("FIGURE net_neighbour_entry_bytes %u\r\n", unsigned(sizeof(net::Neighbour)));
    print("FIGURE link_state_ram_bytes %u\r\n", unsigned(sizeof(StreamDecoder)));
    print("FIGURE net_stack_bytes %u\r\n", unsigned(stats.stack_high_water));
    print(ok ? "net loopback: PASS\r\n" : "net loopback: FAIL\r\n");
    port::exit(ok ? 0 : 1);
}
}  // namespace

int main() {
    task_create(runner, "net", runner_main, nullptr, 2, runner_stack);
    start();
}
