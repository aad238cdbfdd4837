// Interrupt latency to a task: cycles from the instruction that pends an interrupt to
// the first instruction of the higher-priority task the handler's give wakes, averaged
// over many rounds.
#include "bench.hpp"
#include "tern/semaphore.hpp"

using namespace tern;

namespace {
Task waiter, trigger, reporter;
Stack<512> waiter_stack, trigger_stack;
Stack<1024> reporter_stack;
Semaphore sem{0};
volatile uint32_t t_trigger, total_cycles, rounds;

void handler() { sem.give_from_isr(); }

void waiter_main(void*) {
    for (;;) {
        sem.take();
        uint32_t now = board::counter();
        total_cycles = total_cycles + (now - t_trigger);
        rounds = rounds + 1;
    }
}

void trigger_main(void*) {
    for (;;) {
        t_trigger = board::counter();
        port::irq_trigger(0);
    }
}

void report(void*) {
    delay(bench::window_ticks);
    // Reported as "cycles per iteration": the interval itself is the measurement.
    print("BENCH irq_to_task_insns %u %u %u\r\n", static_cast<unsigned>(total_cycles),
          static_cast<unsigned>(rounds), static_cast<unsigned>(board::counter_hz));
    port::exit(0);
}
}  // namespace

int main() {
    port::irq_attach(0, handler);
    task_create(waiter, "waiter", waiter_main, nullptr, 6, waiter_stack);
    task_create(trigger, "trigger", trigger_main, nullptr, 3, trigger_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
