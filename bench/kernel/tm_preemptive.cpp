// Thread-Metric preemptive: five tasks at rising priorities. The lowest resumes the next,
// which preempts it at once, counts, resumes the next, ... and the highest counts and
// suspends itself, unwinding back down. As in Thread-Metric, the figure is the sum of
// all five counters: one iteration is one task's turn (a resume or a suspend, and the
// switch it causes); a full pass is five iterations.
#include "bench.hpp"

using namespace tern;

namespace {
constexpr int n = 5;
Task tasks[n], reporter;
Stack<512> stacks[n];
Stack<1024> reporter_stack;
volatile uint32_t counters[n];

void middle(void* arg) {
    uintptr_t i = reinterpret_cast<uintptr_t>(arg);
    for (;;) {
        counters[i] = counters[i] + 1;
        if (i + 1 < n) task_resume(&tasks[i + 1]);
        task_suspend(nullptr);
    }
}

void lowest(void*) {
    for (;;) {
        counters[0] = counters[0] + 1;
        task_resume(&tasks[1]);
    }
}

uint32_t turns() {
    uint32_t s = 0;
    for (auto& c : counters) s += c;
    return s;
}

void report(void*) {
    bench::measure("tm_preemptive", turns);
    port::exit(0);
}
}  // namespace

int main() {
    task_create(tasks[0], "t0", lowest, nullptr, 2, stacks[0]);
    for (uintptr_t i = 1; i < n; ++i) {
        task_create(tasks[i], "t", middle, reinterpret_cast<void*>(i), static_cast<Priority>(2 + i), stacks[i]);
    }
    task_create(reporter, "reporter", report, nullptr, 20, reporter_stack);
    start();
}
