// Equal-priority tasks that never block share the CPU in time slices.
#include "check.hpp"

using namespace tern;

namespace {
constexpr int workers = 3;
Task tasks[workers], judge;
Stack<1024> stacks[workers];
Stack<2048> judge_stack;
volatile uint32_t counts[workers];

void spin(void* arg) {
    volatile uint32_t& c = counts[reinterpret_cast<uintptr_t>(arg)];
    for (;;) c = c + 1;
}

void judge_main(void*) {
    delay(config::time_slice_ticks * 30);
    uint32_t total = 0, lo = 0xFFFFFFFFu, hi = 0;
    for (int i = 0; i < workers; ++i) {
        uint32_t c = counts[i];
        total += c;
        if (c < lo) lo = c;
        if (c > hi) hi = c;
    }
    print("counts: %u %u %u\r\n", unsigned(counts[0]), unsigned(counts[1]), unsigned(counts[2]));
    CHECK(lo > 0);
    // Each got a fair share: none less than half of an equal share.
    CHECK(lo * workers * 2 >= total);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "round_robin";
    for (uintptr_t i = 0; i < workers; ++i) {
        task_create(tasks[i], "spin", spin, reinterpret_cast<void*>(i), 3, stacks[i]);
    }
    task_create(judge, "judge", judge_main, nullptr, 8, judge_stack);
    start();
}
