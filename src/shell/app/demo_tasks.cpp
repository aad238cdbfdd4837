// Demo tasks: a sleeper that wakes ten times a second and a worker that computes, so
// that `top` has an order to show and `kill` something to stop.
#include "console.hpp"
#include "tern/task.hpp"

namespace shell_app {

namespace {

tern::Task blink_task, worker_task;
tern::Stack<512> blink_stack, worker_stack;
volatile uint32_t blinks = 0;
volatile uint32_t work = 0;

void blink_main(void*) {
    for (;;) {
        blinks = blinks + 1;
        tern::delay(tern::ms_to_ticks(100));
    }
}

// Computes for about a third of the time: spins until a tick passes, then rests two.
void worker_main(void*) {
    for (;;) {
        tern::Tick start = tern::now();
        while (tern::now() == start) work = work + 1;
        tern::delay(2);
    }
}

}  // namespace

void demo_tasks_create() {
    tern::task_create(blink_task, "blink", blink_main, nullptr, 2, blink_stack);
    tern::task_create(worker_task, "worker", worker_main, nullptr, 2, worker_stack);
}

}  // namespace shell_app
