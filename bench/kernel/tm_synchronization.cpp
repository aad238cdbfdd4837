// Thread-Metric synchronization: one task takes then gives a binary semaphore, never
// blocking. One iteration = one take and one give.
#include "bench.hpp"
#include "tern/semaphore.hpp"

using namespace tern;

namespace {
Task worker, reporter;
Stack<512> worker_stack;
Stack<1024> reporter_stack;
BinarySemaphore sem{true};
volatile uint32_t counter;

void work(void*) {
    for (;;) {
        sem.take(no_wait);
        sem.give();
        counter = counter + 1;
    }
}

uint32_t count() { return counter; }

void report(void*) {
    bench::measure("tm_synchronization", count);
    port::exit(0);
}
}  // namespace

int main() {
    task_create(worker, "worker", work, nullptr, 3, worker_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
