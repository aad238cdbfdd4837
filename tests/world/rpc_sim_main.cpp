// world_rpc_sim: runs the RPC simulator on any number of schedules (the soak).
//   world_rpc_sim [--schedules N] [--seed S] [--verbose]
// Schedule k uses seed S + k; a failure prints its seed, which reruns it alone with
// --seed SEED --schedules 1. Exit status 0 when every schedule keeps the invariants, and
// (over 200 schedules or more) every result kind was seen.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "rpc_sim.hpp"
#include "tern/world/rpc.hpp"

int main(int argc, char** argv) {
    using tern::world::rpc::Result;
    std::uint64_t schedules = 1000, seed = 1;
    bool verbose = false;
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
        else if (!std::strcmp(argv[i], "--verbose")) verbose = true;
        else {
            std::fprintf(stderr, "usage: %s [--schedules N] [--seed S] [--verbose]\n", argv[0]);
            return 2;
        }
    }
    auto start = std::chrono::steady_clock::now();
    tern::world::rpcsim::Stats total;
    std::uint64_t failed = 0;
    for (std::uint64_t k = 0; k < schedules; ++k) {
        auto r = tern::world::rpcsim::run_schedule(seed + k);
        const auto& s = r.stats;
        if (!r.ok) {
            ++failed;
            std::printf("FAIL seed %llu: %s\n", (unsigned long long)(seed + k), r.failure.c_str());
        } else if (verbose) {
            std::printf("seed %llu: %u calls, %u ok, %u vanished, %u late replies, %u resets, "
                        "%u partitions, %llu packets, %llu ms\n",
                        (unsigned long long)(seed + k), s.calls, s.by_result[0], s.vanished,
                        s.late_replies, s.resets, s.partitions, (unsigned long long)s.packets,
                        (unsigned long long)s.virtual_ms);
        }
        total.calls += s.calls, total.vanished += s.vanished, total.late_replies += s.late_replies;
        total.executions += s.executions, total.resets += s.resets, total.packets += s.packets;
        for (int i = 0; i < 8; ++i) total.by_result[i] += s.by_result[i];
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%llu schedules, %llu failed, %.1f s: %u calls (%u vanished with their caller), "
                "%u handler runs, %u late replies dropped, %u resets, %llu packets; results:",
                (unsigned long long)schedules, (unsigned long long)failed, secs, total.calls,
                total.vanished, total.executions, total.late_replies, total.resets,
                (unsigned long long)total.packets);
    bool every_kind = true;
    for (int i = 0; i < 8; ++i) {
        std::printf(" %s %u%s", tern::world::rpc::result_name(Result(i)), total.by_result[i], i < 7 ? "," : "\n");
        every_kind = every_kind && total.by_result[i] > 0;
    }
    if (schedules >= 200 && !every_kind) {
        std::printf("FAIL: some result kind never happened (the schedules no longer reach it)\n");
        return 1;
    }
    return failed ? 1 : 0;
}
