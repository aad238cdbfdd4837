// A task woken by the tick preempts a lower-priority task that never yields, in the same
// tick it was due.
#include "check.hpp"

using namespace tern;

namespace {
Task low, high;
Stack<2048> low_stack, high_stack;
volatile bool high_done = false;
Tick start_tick, woke_at;

void high_main(void*) {
    for (int i = 0; i < 50; ++i) {
        Tick before = now();
        delay(3);
        CHECK_EQ(now() - before, 3);
    }
    woke_at = now();
    high_done = true;
}

void low_main(void*) {
    start_tick = now();
    while (!high_done) {
        // Busy: only preemption lets "high" run.
    }
    CHECK_EQ(woke_at - start_tick, 150);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "preempt_on_wake";
    task_create(low, "low", low_main, nullptr, 2, low_stack);
    task_create(high, "high", high_main, nullptr, 10, high_stack);
    start();
}
