// Two tasks keep all of s0-s31 and FPSCR live across preemption (round-robin slices, and
// a higher-priority task doing float arithmetic every tick): neither ever sees the other's
// values. An integer-only task runs between them, so switches go both ways between tasks
// with and without an FP frame (the lazy path: only FP users pay for FP context).
#include "check.hpp"

extern "C" uint32_t fp_fill_wait_check(uint32_t seed, volatile uint32_t* flag, uint32_t seen);

using namespace tern;

namespace {
Task fp_a, fp_b, ints, ticker;
Stack<1024> stack_a, stack_b, stack_ints, stack_ticker;
volatile uint32_t turns;  // bumped by every task each time it gets the CPU
constexpr int rounds = 12;
int done;
uint32_t ticker_runs;

void fp_main(void* arg) {
    uint32_t seed = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
    for (int i = 0; i < rounds; ++i) {
        uint32_t seen = ++turns;
        uint32_t bad = fp_fill_wait_check(seed + static_cast<uint32_t>(i) * 64, &turns, seen);
        CHECK_EQ(bad, 0);
    }
    if (++done == 2) {
        CHECK(ticker_runs > 20);
        test::finish();
    }
    for (;;) delay(1000);
}

void ints_main(void*) {
    for (;;) {
        ++turns;
        yield();
    }
}

// Wakes every tick, preempting whichever task holds live FP state, and uses the FPU itself.
void ticker_main(void*) {
    for (;;) {
        delay(1);
        volatile float step = 0.5f;
        float sum = 0;
        for (int i = 0; i < 100; ++i) sum += static_cast<float>(i) * step;
        CHECK(sum == 2475.0f);
        ++ticker_runs;
    }
}
}  // namespace

int main() {
    test::test_name = "fpu_isolation";
    task_create(fp_a, "fp_a", fp_main, reinterpret_cast<void*>(0x3F800000u), 3, stack_a);
    task_create(fp_b, "fp_b", fp_main, reinterpret_cast<void*>(0x40400000u), 3, stack_b);
    task_create(ints, "ints", ints_main, nullptr, 3, stack_ints);
    task_create(ticker, "ticker", ticker_main, nullptr, 6, stack_ticker);
    start();
}
