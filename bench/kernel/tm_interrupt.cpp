// Thread-Metric interrupt processing: a task triggers a real (software-pended) interrupt
// whose handler gives a semaphore; the task takes it and counts. One iteration = one
// interrupt, one give from the handler and one take.
#include "bench.hpp"
#include "tern/semaphore.hpp"

using namespace tern;

namespace {
Task worker, reporter;
Stack<512> worker_stack;
Stack<1024> reporter_stack;
Semaphore sem{0};
volatile uint32_t counter;

void handler() { sem.give_from_isr(); }

void work(void*) {
    for (;;) {
        port::irq_trigger(0);
        sem.take();
        counter = counter + 1;
    }
}

uint32_t count() { return counter; }

void report(void*) {
    bench::measure("tm_interrupt", count);
    port::exit(0);
}
}  // namespace

int main() {
    port::irq_attach(0, handler);
    task_create(worker, "worker", work, nullptr, 3, worker_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
