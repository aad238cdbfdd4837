// Every register survives each way a RISC-V task leaves the CPU and comes back: preempted
// by an interrupt (a full frame, restored by a trap's exit or by another task's own
// switch) and switching itself out (a call frame, restored by either). Two spinners keep
// all registers live while the tick preempts them; two tasks above them keep s0-s11 live
// across their own switches, yielding to each other and blocking for a tick in turn, and
// the ticker above all wakes every tick: every kind of frame meets every kind of restore.
// Then soft interrupts raised together while interrupts are masked all run, highest first.
#include "check.hpp"

extern "C" uint32_t int_fill_wait_check(uint32_t seed, volatile uint32_t* flag, uint32_t seen);
extern "C" uint32_t callee_fill_yield_check(uint32_t seed);
// Alternately to the other task of the same priority and blocked until the next tick.
extern "C" void tern_test_yield() {
    static uint32_t calls;
    if (++calls % 2 != 0) {
        tern::yield();
    } else {
        tern::delay(1);
    }
}

using namespace tern;

namespace {
Task spin_a, spin_b, yielder_a, yielder_b, ticker;
Stack<1024> stack_a, stack_b, stack_ya, stack_yb, stack_ticker;
volatile uint32_t turns;  // bumped by every task each time it gets the CPU
constexpr int rounds = 12;
int done;
uint32_t ticker_runs, yields;
uint8_t order[4];
volatile unsigned ran;

void soft_low() { order[ran++] = 1; }
void soft_high() { order[ran++] = 6; }

void check_soft_together() {
    port::irq_attach(1, soft_low);
    port::irq_attach(6, soft_high);
    port::IrqState s = port::irq_save();
    port::irq_trigger(1);
    port::irq_trigger(6);
    CHECK_EQ(ran, 0);
    port::irq_restore(s);
    CHECK_EQ(ran, 2);
    CHECK_EQ(order[0], 6);
    CHECK_EQ(order[1], 1);
}

void spin_main(void* arg) {
    uint32_t seed = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
    for (int i = 0; i < rounds; ++i) {
        uint32_t seen = ++turns;
        CHECK_EQ(int_fill_wait_check(seed + static_cast<uint32_t>(i) * 64, &turns, seen), 0);
    }
    if (++done == 2) {
        CHECK(ticker_runs > 10);
        CHECK(yields > 10);
        check_soft_together();
        test::finish();
    }
    for (;;) delay(1000);
}

void yielder_main(void* arg) {
    uint32_t seed = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
    for (uint32_t i = 0;; ++i) {
        ++turns;
        CHECK_EQ(callee_fill_yield_check(seed + i * 16), 0);
        ++yields;
    }
}

// Preempts whichever task spins, and leaves other values in every register it can.
void ticker_main(void*) {
    for (;;) {
        delay(1);
        uint32_t seen = ++turns;
        CHECK_EQ(int_fill_wait_check(0xDEAD0000u, &turns, seen - 1), 0);
        ++ticker_runs;
    }
}
}  // namespace

int main() {
    test::test_name = "riscv_context";
    task_create(spin_a, "spin_a", spin_main, reinterpret_cast<void*>(0x10000u), 3, stack_a);
    task_create(spin_b, "spin_b", spin_main, reinterpret_cast<void*>(0x20000u), 3, stack_b);
    task_create(yielder_a, "yielder_a", yielder_main, reinterpret_cast<void*>(0x7000u), 4,
                stack_ya);
    task_create(yielder_b, "yielder_b", yielder_main, reinterpret_cast<void*>(0x9000u), 4,
                stack_yb);
    task_create(ticker, "ticker", ticker_main, nullptr, 6, stack_ticker);
    start();
}
