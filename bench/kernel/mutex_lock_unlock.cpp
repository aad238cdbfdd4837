// Uncontended mutex: lock then unlock. One iteration = one of each.
#include "bench.hpp"
#include "tern/mutex.hpp"

using namespace tern;

namespace {
Task worker, reporter;
Stack<512> worker_stack;
Stack<1024> reporter_stack;
Mutex mutex;
volatile uint32_t counter;

void work(void*) {
    for (;;) {
        mutex.lock();
        mutex.unlock();
        counter = counter + 1;
    }
}

uint32_t count() { return counter; }

void report(void*) {
    bench::measure("mutex_lock_unlock", count);
    port::exit(0);
}
}  // namespace

int main() {
    task_create(worker, "worker", work, nullptr, 3, worker_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
