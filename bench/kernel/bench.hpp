// Thread-Metric style benchmarks: tasks run a fixed shape of work and count iterations;
// a top-priority reporter measures a window of the board's free-running counter and
// prints one line per metric:
//     BENCH <metric> <counter cycles> <iterations> <counter hz>
// tools/bench/run-bench turns cycles into guest instructions with the -icount shift it
// ran QEMU with (each instruction takes exactly 2^shift ns of virtual time).
#pragma once
#include "tern/board.hpp"
#include "tern/kernel.hpp"

namespace bench {

inline constexpr tern::Tick warmup_ticks = 5;
inline constexpr tern::Tick window_ticks = 100;

// Measures `count()` over a window and prints the metric. Call from the reporter task.
template <typename Count>
void measure(const char* metric, Count count) {
    tern::delay(warmup_ticks);
    uint32_t n0 = count();
    uint32_t t0 = tern::board::counter();
    tern::delay(window_ticks);
    uint32_t t1 = tern::board::counter();
    uint32_t n1 = count();
    tern::print("BENCH %s %u %u %u\r\n", metric, static_cast<unsigned>(t1 - t0),
                static_cast<unsigned>(n1 - n0), static_cast<unsigned>(tern::board::counter_hz));
}

}  // namespace bench
