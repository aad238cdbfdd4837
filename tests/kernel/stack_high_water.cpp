// The high-water mark counts every word a switch saves, even when a saved register holds
// the stack's fill pattern: a task that spins without a call, preempted by the tick, has
// used at least a full saved frame (16 words on every port), never less.
#include "check.hpp"

using namespace tern;

namespace {
Task spinner, checker;
Stack<1024> spinner_stack;
Stack<2048> checker_stack;
volatile uint32_t spins;

// A leaf loop: it leaves the callee-saved registers as the first frame had them.
void spinner_main(void*) {
    for (;;) spins = spins + 1;
}

void checker_main(void*) {
    for (int i = 0; i < 10; ++i) delay(1);  // the spinner is preempted at each wake-up
    CHECK(spins != 0);
    TaskStats st;
    task_get_stats(spinner, st);
    CHECK(st.stack_high_water >= 64);
    CHECK(st.stack_high_water < st.stack_bytes);
    print("spinner: %u of %u bytes\r\n", unsigned(st.stack_high_water), unsigned(st.stack_bytes));
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "stack_high_water";
    task_create(spinner, "spinner", spinner_main, nullptr, 1, spinner_stack);
    task_create(checker, "checker", checker_main, nullptr, 5, checker_stack);
    start();
}
