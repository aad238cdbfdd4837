// world_transport_sim: runs the transport simulator on any number of schedules (the soak).
//   world_transport_sim [--schedules N] [--seed S] [--nodes N] [--messages M] [--verbose]
// Schedule k uses seed S + k; a failure prints its seed, which reruns it alone with
// --seed SEED --schedules 1. Exit status 0 when every schedule keeps the invariants.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "transport_sim.hpp"

int main(int argc, char** argv) {
    std::uint64_t schedules = 1000, seed = 1;
    bool verbose = false;
    tern::world::sim::Options options;
    for (int i = 1; i < argc; ++i) {
        auto value = [&]() -> std::uint64_t {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", argv[i]);
                std::exit(2);
            }
            return std::strtoull(argv[++i], nullptr, 0);
        };
        if (!std::strcmp(argv[i], "--schedules")) schedules = value();
        else if (!std::strcmp(argv[i], "--seed")) seed = value();
        else if (!std::strcmp(argv[i], "--nodes")) options.max_nodes = std::uint32_t(value());
        else if (!std::strcmp(argv[i], "--messages")) options.max_messages = std::uint32_t(value());
        else if (!std::strcmp(argv[i], "--verbose")) verbose = true;
        else {
            std::fprintf(stderr, "usage: %s [--schedules N] [--seed S] [--nodes N] [--messages M] [--verbose]\n", argv[0]);
            return 2;
        }
    }
    if (options.max_nodes < 2 || options.max_nodes > 8) {
        std::fprintf(stderr, "--nodes: 2..8 (the simulated transport has 8 peer slots)\n");
        return 2;
    }
    auto start = std::chrono::steady_clock::now();
    tern::world::sim::Stats total;
    std::uint64_t failed = 0;
    for (std::uint64_t k = 0; k < schedules; ++k) {
        auto r = tern::world::sim::run_schedule(seed + k, options);
        const auto& s = r.stats;
        if (!r.ok) {
            ++failed;
            std::printf("FAIL seed %llu: %s\n", (unsigned long long)(seed + k), r.failure.c_str());
        } else if (verbose) {
            std::printf("seed %llu: %u nodes, %u messages: %u acked, %u lost (timeout %u, reset %u, "
                        "%u of them delivered), %u vanished; %llu packets, %u resets, %u long "
                        "partitions, %llu ms\n",
                        (unsigned long long)(seed + k), s.nodes, s.messages, s.acked,
                        s.lost_timeout + s.lost_reset, s.lost_timeout, s.lost_reset,
                        s.lost_but_delivered, s.vanished, (unsigned long long)s.packets, s.resets,
                        s.long_partitions, (unsigned long long)s.virtual_ms);
        }
        total.messages += s.messages, total.acked += s.acked, total.lost_timeout += s.lost_timeout;
        total.lost_reset += s.lost_reset, total.vanished += s.vanished, total.packets += s.packets;
        total.lost_but_delivered += s.lost_but_delivered;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%llu schedules, %llu failed, %.1f s: %u messages, %u acked, %u lost (timeout %u, "
                "reset %u; %u delivered before the loss was reported), %u vanished with their "
                "sender, %llu packets\n",
                (unsigned long long)schedules, (unsigned long long)failed, secs, total.messages,
                total.acked, total.lost_timeout + total.lost_reset, total.lost_timeout,
                total.lost_reset, total.lost_but_delivered, total.vanished,
                (unsigned long long)total.packets);
    return failed ? 1 : 0;
}
