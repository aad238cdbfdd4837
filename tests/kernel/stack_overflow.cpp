// A task that runs into the bottom of its stack is stopped at its next switch and
// reported by name; the rest of the system goes on.
#include <string.h>

#include "check.hpp"

using namespace tern;

namespace {
Task greedy, watcher;
Stack<1024> greedy_stack;
Stack<2048> watcher_stack;
volatile bool reported = false;
const char* reported_name = nullptr;

void on_fault(const FaultReport& r) {
    if (r.kind == FaultKind::stack_overflow) {
        reported = true;
        reported_name = r.task->name;
    }
}

// As a call chain too deep for the stack would: everything below this frame, down into
// the guard at the bottom of the stack, is written.
[[gnu::noinline]] void use_stack_down_to(uintptr_t floor) {
    volatile char here = 0;
    // Clear of this frame and memset's own (computed as an address, not an index).
    char* top = reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(&here) - 256);
    char* bottom = reinterpret_cast<char*>(floor) + 4;
    memset(bottom, 0x5A, static_cast<size_t>(top - bottom));
    delay(1);  // the switch away finds the guard broken
}

void greedy_main(void*) {
    uintptr_t base = reinterpret_cast<uintptr_t>(greedy_stack.data());
    use_stack_down_to(base);
    CHECK(false);  // a stopped task never resumes
}

void watcher_main(void*) {
    delay(2);
    CHECK(reported);
    CHECK(reported_name != nullptr && strcmp(reported_name, "greedy") == 0);
    TaskStats st;
    task_get_stats(greedy, st);
    CHECK(st.state == TaskState::faulted);
    CHECK(st.stack_high_water >= st.stack_bytes - 16);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "stack_overflow";
    set_fault_hook(on_fault);
    task_create(greedy, "greedy", greedy_main, nullptr, 4, greedy_stack);
    task_create(watcher, "watcher", watcher_main, nullptr, 3, watcher_stack);
    start();
}
