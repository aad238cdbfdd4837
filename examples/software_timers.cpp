// Software timers: an auto-reload heartbeat that never drifts, a one-shot timeout that is
// pushed back (reset) while activity continues, and a period changed at run time.
#include "tern/kernel.hpp"
#include "tern/timer.hpp"

using namespace tern;

namespace {
Task main_task;
Stack<1536> main_stack;
Timer heartbeat, watchdog;
volatile uint32_t beats = 0;
volatile bool expired = false;

void on_heartbeat(void*) {
    beats = beats + 1;
    print("[%4u] heartbeat %u\r\n", static_cast<unsigned>(now()), static_cast<unsigned>(beats));
}

void on_watchdog(void*) {
    expired = true;
    print("[%4u] watchdog: no activity for 30 ticks, one-shot fired\r\n",
          static_cast<unsigned>(now()));
}

void main_main(void*) {
    heartbeat.init("heartbeat", TimerKind::auto_reload, ms_to_ticks(20), on_heartbeat, nullptr);
    watchdog.init("watchdog", TimerKind::one_shot, ms_to_ticks(30), on_watchdog, nullptr);
    heartbeat.start();
    watchdog.start();
    for (int i = 0; i < 4; ++i) {  // activity every 20 ms keeps the watchdog from firing
        delay(ms_to_ticks(20));
        watchdog.reset();
        print("[%4u] activity: watchdog reset, %u ticks left\r\n", static_cast<unsigned>(now()),
              static_cast<unsigned>(watchdog.remaining()));
    }
    delay(ms_to_ticks(40));  // silence: now it fires
    heartbeat.change_period(ms_to_ticks(50));
    print("[%4u] heartbeat period changed to 50 ms\r\n", static_cast<unsigned>(now()));
    delay(ms_to_ticks(120));
    heartbeat.stop();
    print("software_timers: %u beats, watchdog %s: done\r\n", static_cast<unsigned>(beats),
          expired ? "fired" : "did not fire");
    port::exit(expired && beats == 8 ? 0 : 1);
}
}  // namespace

int main() {
    task_create(main_task, "main", main_main, nullptr, 10, main_stack);
    start();
}
