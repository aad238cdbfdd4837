// Thread-Metric interrupt preemption: a low task triggers an interrupt whose handler
// resumes a higher-priority task; that task preempts, counts and suspends itself.
// One iteration = interrupt, resume from the handler, switch, count, suspend, switch.
#include "bench.hpp"

using namespace tern;

namespace {
Task low, high, reporter;
Stack<512> low_stack, high_stack;
Stack<1024> reporter_stack;
volatile uint32_t low_count, high_count;

void handler() { task_resume(&high); }

void low_main(void*) {
    for (;;) {
        port::irq_trigger(0);
        low_count = low_count + 1;
    }
}

void high_main(void*) {
    for (;;) {
        high_count = high_count + 1;
        task_suspend(nullptr);
    }
}

uint32_t count() { return high_count; }

void report(void*) {
    bench::measure("tm_interrupt_preemption", count);
    port::exit(0);
}
}  // namespace

int main() {
    port::irq_attach(0, handler);
    task_create(low, "low", low_main, nullptr, 3, low_stack);
    task_create(high, "high", high_main, nullptr, 6, high_stack);
    task_suspend(&high);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
