// migration_bench: what moving the demo's counting program costs, in the simulator, over a
// serial link of 115,200 baud (10 bits a byte, each direction its own wire, messages one
// after another on it). Prints one JSON object (tools/bench/run-bench merges it into the
// host's figures):
//   migrate_bytes_cold / _warm     every migration byte both ways (image sent / cached)
//   migrate_wire_ms_cold / _warm   the time those bytes need on the wire: bytes * 10 / 115200
//   migrate_pause_ms_cold / _warm  from the source's last instruction to the destination's
//                                  first (the program is paused that long)
// The pause is simulated with a link that queues messages: it is within 1.2x the wire time
// of the migration's bytes when the acknowledgements overlap the data.
#include <cstdio>
#include <cstring>
#include <vector>

#include "sim.hpp"

using namespace tern::migration;
using namespace tern::migration::sim;

namespace {

constexpr double kBaud = 115200;
constexpr double kUsPerByte = 10.0 * 1e6 / kBaud;

struct Pending {
    double arrival_us;
    sim::Message m;
};

struct Figures {
    std::uint64_t bytes = 0;
    double pause_ms = 0;
    bool cached = false;
};

// Moves `program` (running on `from`, already `executed` instructions in) to `to`, timing
// every message on a per-direction serial wire.
Figures move(World& w, const std::string& program, NodeId from, NodeId to) {
    Figures f;
    double now_us = double(w.now()) * 1000;
    double busy[16][16] = {};
    std::vector<Pending> pending;
    std::uint64_t bytes_before = w.bytes_on_wire;
    if (w.node(from).migrator().start(w.now(), program.c_str(), to) != Reason::none) return f;
    const double start_us = now_us;
    for (int guard = 0; guard < 100000; guard++) {
        for (auto& m : w.queue()) {
            double& b = busy[m.from][m.to];
            double begin = b > now_us ? b : now_us;
            b = begin + double(m.bytes.size()) * kUsPerByte;
            pending.push_back({b, m});
        }
        w.queue().clear();
        Copy* c = w.node(to).copy(program);
        if (c != nullptr && c->state == Copy::State::running && f.pause_ms == 0)
            f.pause_ms = (now_us - start_us) / 1000;
        if (pending.empty() && w.node(from).migrator().idle() && w.node(to).migrator().idle()) break;
        double next = 1e300;
        for (auto& p : pending) next = p.arrival_us < next ? p.arrival_us : next;
        for (int n = 1; n <= w.node_count(); n++) {
            Millis d = w.node(NodeId(n)).migrator().next_deadline();
            if (d != kNever && double(d) * 1000 < next) next = double(d) * 1000;
        }
        now_us = next > now_us ? next : now_us;
        w.advance_to(Millis(now_us / 1000));
        for (std::size_t i = 0; i < pending.size();) {
            if (pending[i].arrival_us <= now_us) {
                sim::Message m = pending[i].m;
                pending.erase(pending.begin() + long(i));
                w.deliver(m);
            } else {
                i++;
            }
        }
        for (int n = 1; n <= w.node_count(); n++)
            if (w.node(NodeId(n)).migrator().next_deadline() <= w.now())
                w.node(NodeId(n)).migrator().poll(w.now());
    }
    f.bytes = w.bytes_on_wire - bytes_before;
    for (const LoggedEvent& e : w.events)
        if (e.kind == Event::Kind::moved && e.role == Role::source) f.cached = e.image_cached;
    return f;
}

void run_until(World& w, const std::string& program, std::uint64_t instructions) {
    while (w.executed(program) < instructions) w.step(std::uint32_t(instructions - w.executed(program)));
}

}  // namespace

int main() {
    const Program* p = find_program("counter");
    if (p == nullptr) return 1;
    // A UART link: retries slower than a window of chunks takes on the wire.
    Config serial;
    serial.retry_ms = 400;
    World w(1, 2, serial);
    w.manual = true;
    w.launch(1, *p);
    run_until(w, "counter", p->instructions / 3);
    Figures cold = move(w, "counter", 1, 2);
    run_until(w, "counter", 2 * p->instructions / 3);
    Figures warm = move(w, "counter", 2, 1);
    while (!w.halted_ever("counter")) w.step(100000);
    bool exact = w.output("counter") == p->reference && w.violations.empty() && !cold.cached &&
                 warm.cached;
    auto wire_ms = [](std::uint64_t bytes) { return double(bytes) * kUsPerByte / 1000; };
    // The target: the pause within 1.2 times the migration's bytes on the wire.
    bool within = cold.pause_ms > 0 && warm.pause_ms > 0 &&
                  cold.pause_ms <= 1.2 * wire_ms(cold.bytes) && warm.pause_ms <= 1.2 * wire_ms(warm.bytes);
    if (!within) std::fprintf(stderr, "migration_bench: pause above 1.2x the wire time\n");
    std::printf("{\"migrate_bytes_cold\": %llu, \"migrate_bytes_warm\": %llu, "
                "\"migrate_wire_ms_cold\": %.1f, \"migrate_wire_ms_warm\": %.1f, "
                "\"migrate_pause_ms_cold\": %.1f, \"migrate_pause_ms_warm\": %.1f, "
                "\"migrate_image_bytes\": %zu, \"migrate_output_exact\": %d}\n",
                (unsigned long long)cold.bytes, (unsigned long long)warm.bytes, wire_ms(cold.bytes),
                wire_ms(warm.bytes), cold.pause_ms, warm.pause_ms, p->image.size, exact ? 1 : 0);
    return exact && within ? 0 : 1;
}
