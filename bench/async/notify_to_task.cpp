// Interrupt -> coroutine latency: cycles from the instruction that pends an interrupt
// (whose handler calls Notify::notify) to the first instruction after the woken
// coroutine's co_await, averaged over many rounds. The executor runs in one kernel task.
#include "../kernel/bench.hpp"
#include "tern/async/notify.hpp"
#include "tern/async/task.hpp"

using namespace tern;

namespace {
tern::Task executor, trigger, reporter;
Stack<1024> executor_stack;
Stack<512> trigger_stack;
Stack<1024> reporter_stack;
async::Notify event;
volatile uint32_t t_trigger, total_cycles, rounds;

void isr() { event.notify(); }

async::Task waiter() {
    for (;;) {
        co_await event.wait();
        uint32_t now = board::counter();
        total_cycles = total_cycles + (now - t_trigger);
        rounds = rounds + 1;
    }
}

async::Task idle_coroutine() {
    for (;;) co_await event.wait();
}

void executor_main(void*) { async::run_tasks(waiter(), idle_coroutine()); }

void trigger_main(void*) {
    for (;;) {
        uint32_t seen = rounds;
        t_trigger = board::counter();
        port::irq_trigger(0);
        while (rounds == seen) {
            // The executor (higher priority) runs the coroutine before this continues.
        }
    }
}

void report(void*) {
    delay(bench::window_ticks);
    print("BENCH notify_to_task_insns %u %u %u\r\n", static_cast<unsigned>(total_cycles),
          static_cast<unsigned>(rounds), static_cast<unsigned>(board::counter_hz));
    port::exit(0);
}
}  // namespace

int main() {
    port::irq_attach(0, isr);
    task_create(executor, "async", executor_main, nullptr, 6, executor_stack);
    task_create(trigger, "trigger", trigger_main, nullptr, 3, trigger_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
