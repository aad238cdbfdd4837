// delay_until keeps a fixed rate over 10,000 periods, whatever the work in between.
#include "check.hpp"

using namespace tern;

namespace {
Task periodic;
Stack<2048> stack;

void periodic_main(void*) {
    constexpr Tick period = 2;
    Tick last = now();
    const Tick first = last;
    int late = 0;
    for (uint32_t i = 1; i <= 10000; ++i) {
        // Uneven work: sometimes most of a period, never all of it.
        if (i % 7 == 0) delay(1);
        if (delay_until(last, period) != Result::ok) ++late;
        if (now() != first + i * period) {
            CHECK_EQ(now(), first + i * period);
            break;
        }
    }
    CHECK_EQ(late, 0);
    CHECK_EQ(now() - first, 20000);
    // An overrun is reported, and the schedule stays on its grid.
    delay(5);
    CHECK(delay_until(last, period) == Result::would_block);
    CHECK_EQ(last, first + 20002);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "delay_until";
    task_create(periodic, "periodic", periodic_main, nullptr, 5, stack);
    start();
}
