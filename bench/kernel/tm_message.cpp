// Thread-Metric message processing: one task sends a 16-byte message to a queue and
// receives it back, never blocking. One iteration = one send and one receive.
#include "bench.hpp"
#include "tern/queue.hpp"

using namespace tern;

namespace {
Task worker, reporter;
Stack<512> worker_stack;
Stack<1024> reporter_stack;
uint32_t storage[4 * 4];
Queue queue;
volatile uint32_t counter;

void work(void*) {
    uint32_t out[4] = {1, 2, 3, 4}, in[4];
    for (;;) {
        queue.send(out, no_wait);
        queue.receive(in, no_wait);
        counter = counter + 1;
    }
}

uint32_t count() { return counter; }

void report(void*) {
    bench::measure("tm_message", count);
    port::exit(0);
}
}  // namespace

int main() {
    queue.init(storage, 16, 4);
    task_create(worker, "worker", work, nullptr, 3, worker_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
