// ARMv8-M: a task whose stack pointer goes below the bottom of its stack faults in hardware
// (PSPLIM, UsageFault STKOF) at the push that crossed it, before it writes a byte below
// its stack, and the report names the task. The guard words just below the stack stay
// intact: the overflow was stopped, not detected after the damage.
#include "check.hpp"

using namespace tern;

namespace {
Task deep, bystander;
struct Guarded {
    volatile uint32_t below[8];  // the memory right under deep's stack
    Stack<1024> stack;
} guarded;
Stack<1024> bystander_stack;
volatile uint32_t depth;

volatile uint32_t limit = 0xFFFFFFFFu;  // never reached: PSPLIM stops the descent first

[[gnu::noinline]] uint32_t recurse(uint32_t n) {
    volatile uint8_t pad[64];
    pad[0] = static_cast<uint8_t>(n);
    depth = n;
    if (n == limit) return n;
    return recurse(n + 1) + pad[0];  // not a tail call: every level keeps its frame
}

void on_fault(const FaultReport& r) {
    CHECK(r.kind == FaultKind::cpu_fault);
    CHECK(r.task == &deep);
    CHECK(depth > 4);
    for (auto w : guarded.below) CHECK_EQ(w, 0xC0FFEE00u);
    test::finish();
}

void deep_main(void*) {
    delay(2);
    recurse(0);
    CHECK(false);
}

void bystander_main(void*) {
    for (;;) delay(1);
}
}  // namespace

int main() {
    test::test_name = "psplim_overflow";
    for (auto& w : guarded.below) w = 0xC0FFEE00u;
    set_fault_hook(on_fault);
    task_create(bystander, "bystander", bystander_main, nullptr, 2, bystander_stack);
    task_create(deep, "deep", deep_main, nullptr, 3, guarded.stack);
    start();
}
