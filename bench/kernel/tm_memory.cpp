// Thread-Metric memory allocation: one task allocates a 128-byte block from a fixed
// block pool and frees it. One iteration = one alloc and one free.
#include "bench.hpp"
#include "tern/memory.hpp"

using namespace tern;

namespace {
Task worker, reporter;
Stack<512> worker_stack;
Stack<1024> reporter_stack;
alignas(8) uint8_t storage[BlockPool::pool_bytes(128, 8)];
BlockPool pool;
volatile uint32_t counter;

void work(void*) {
    for (;;) {
        void* p = pool.alloc();
        pool.free(p);
        counter = counter + 1;
    }
}

uint32_t count() { return counter; }

void report(void*) {
    bench::measure("tm_memory", count);
    port::exit(0);
}
}  // namespace

int main() {
    pool.init(storage, 128, 8);
    task_create(worker, "worker", work, nullptr, 3, worker_stack);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
