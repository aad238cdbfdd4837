// notify_to_task_insns: counter cycles from an interrupt handler's Notify::notify() to the
// first instruction after the woken coroutine's co_await, with the executor asleep in its
// kernel task (the full path: kick -> kernel give_from_isr -> switch -> executor loop ->
// poll -> resume). Averaged over every round in the window. Prints the bench line
//     BENCH notify_to_task_insns <cycles> <rounds> <counter hz>
// that tools/bench/run-bench turns into guest instructions (QEMU -icount).
#include "tern/async/notify.hpp"
#include "tern/async/task.hpp"
#include "tern/board.hpp"
#include "tern/kernel.hpp"

using namespace tern;

namespace {
tern::Task executor, trigger, reporter;
Stack<1024> executor_stack, trigger_stack, reporter_stack;
async::Notify irq_event;
volatile uint32_t t_notify, total_cycles, rounds;

void handler() {
    t_notify = board::counter();
    irq_event.notify();
}

async::Task waiter() {
    for (;;) {
        co_await irq_event.wait();
        uint32_t now = board::counter();
        total_cycles = total_cycles + (now - t_notify);
        rounds = rounds + 1;
    }
}

void executor_main(void*) { async::run_tasks(waiter()); }

// Below the executor: runs only while the executor sleeps.
void trigger_main(void*) {
    for (;;) port::irq_trigger(0);
}

void report(void*) {
    delay(100);
    print("BENCH notify_to_task_insns %u %u %u\r\n", static_cast<unsigned>(total_cycles),
          static_cast<unsigned>(rounds), static_cast<unsigned>(board::counter_hz));
    port::exit(0);
}
}  // namespace

int main() {
    port::irq_attach(0, handler);
    task_create(executor, "async", executor_main, nullptr, 6, executor_stack);
    task_create(trigger, "trigger", trigger_main, nullptr, 3, trigger_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
