// With the tick suppressed while idle, kernel time still equals the hardware counter's
// time, exactly, over long and short sleeps.
#include "check.hpp"

using namespace tern;

namespace {
Task sleeper;
Stack<2048> stack;

void sleeper_main(void*) {
    static const Tick sleeps[] = {1, 2, 7, 100, 333, 1000, 5000, 1, 12345, 3};
    for (int round = 0; round < 3; ++round) {
        for (Tick s : sleeps) {
            Tick before = now();
            delay(s);
            CHECK_EQ(now() - before, s);
            // Kernel time trails the counter only by the announcement of a tick in progress.
            Tick lag = port::hardware_ticks() - now();
            CHECK(lag <= 1);
        }
    }
    SystemStats st;
    system_stats(st);
    // Idle ran nearly all the time, and the sleeping ticks were credited to it.
    print("uptime %u ticks, idle %u permille\r\n", unsigned(st.uptime_ticks),
          unsigned(st.idle_permille));
    CHECK(st.idle_permille >= 990);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "tickless";
    task_create(sleeper, "sleeper", sleeper_main, nullptr, 5, stack);
    start();
}
