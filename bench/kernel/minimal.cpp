// The minimal two-task image whose kernel share is kernel_text_bytes / kernel_ram_bytes:
// two tasks that take turns through delay and yield, built with the minimal kernel
// configuration (see bench/kernel/CMakeLists.txt).
#include "tern/task.hpp"

using namespace tern;

namespace {
Task a, b;
Stack<256> a_stack, b_stack;
volatile uint32_t turns;

void ping(void*) {
    for (;;) {
        turns = turns + 1;
        delay(1);
    }
}

void pong(void*) {
    for (;;) {
        turns = turns + 1;
        yield();
        if (turns > 100) port::exit(0);
    }
}
}  // namespace

int main() {
    task_create(a, "a", ping, nullptr, 2, a_stack);
    task_create(b, "b", pong, nullptr, 1, b_stack);
    start();
}
