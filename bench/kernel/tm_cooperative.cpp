// Thread-Metric cooperative: five equal-priority tasks, each `counter++; yield()`.
// One iteration = one task's increment and yield (so, one context switch).
#include "bench.hpp"

using namespace tern;

namespace {
constexpr int n = 5;
Task workers[n], reporter;
Stack<512> stacks[n];
Stack<1024> reporter_stack;
volatile uint32_t counters[n];

void worker(void* arg) {
    volatile uint32_t& c = counters[reinterpret_cast<uintptr_t>(arg)];
    for (;;) {
        c = c + 1;
        yield();
    }
}

uint32_t total() {
    uint32_t s = 0;
    for (auto& c : counters) s += c;
    return s;
}

void report(void*) {
    bench::measure("tm_cooperative", total);
    port::exit(0);
}
}  // namespace

int main() {
    for (uintptr_t i = 0; i < n; ++i) task_create(workers[i], "w", worker, reinterpret_cast<void*>(i), 3, stacks[i]);
    task_create(reporter, "reporter", report, nullptr, 10, reporter_stack);
    start();
}
