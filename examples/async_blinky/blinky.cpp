// The seed's blinky, as a tern::async task: an "LED" on the console, toggled every 500 ms.
//
// This is the executor alone on bare metal: the one kernel task created before start()
// runs the executor, and the kernel under it only provides the timer (the executor task
// sleeps tickless until the next deadline). After 3 blinks it exits, so tests run it too.
#include "tern/async/task.hpp"
#include "tern/async/time.hpp"
#include "tern/kernel.hpp"

using namespace tern;

namespace {
constexpr Tick period = ms_to_ticks(500);
constexpr int blinks = 3;

tern::Task executor;
Stack<1024> executor_stack;

void led(bool on) {
    print("async_blinky: LED %s at %u ms\r\n", on ? "on " : "off",
          static_cast<unsigned>(ticks_to_ms(now())));
}

async::Task blinky() {
    for (int i = 0; i < blinks; ++i) {
        led(true);
        co_await async::sleep_for(period);
        led(false);
        co_await async::sleep_for(period);
    }
    print("async_blinky: %d blinks, done\r\n", blinks);
    port::exit(0);
}

void executor_main(void*) {
    async::run_tasks(blinky());
}
}  // namespace

int main() {
    task_create(executor, "async", executor_main, nullptr, 1, executor_stack);
    start();
}
