// The executor: only woken tasks are polled, wake-ups are exact for more tasks than a word
// has bits, interrupts are masked while a task is polled and run between polls, and an
// interrupt's Notify wakes a sleeping executor at once.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
constexpr int many = 40;  // more than 32: no shared wake bits
Notify notifies[many];
int wakes[many];
int idle_polls;  // a task nobody wakes
volatile bool isr_ran;
Notify from_isr;
Tick isr_at;

async::Task waiter(int i) {
    for (;;) {
        co_await notifies[i].wait();
        ++wakes[i];
    }
}

async::Task never_woken() {
    for (;;) {
        ++idle_polls;
        co_await from_isr.until([] { return false; });
    }
}

async::Task driver() {
    // Exact wake-ups: notifying task k runs task k once, and nothing else.
    for (int k = 0; k < many; ++k) {
        notifies[k].notify();
        co_await yield_now();
        co_await yield_now();
        int total = 0;
        for (int i = 0; i < many; ++i) total += wakes[i];
        CHECK_EQ(wakes[k], 1);
        CHECK_EQ(total, k + 1);
    }
    // Notifying one task several times before it runs wakes it once (its node is queued once).
    notifies[3].notify();
    notifies[3].notify();
    co_await yield_now();
    co_await yield_now();
    CHECK_EQ(wakes[3], 2);

    // Interrupts are masked while a task is polled and taken between polls.
    isr_ran = false;
    port::irq_trigger(0);
    CHECK(!isr_ran);
    co_await yield_now();
    CHECK(isr_ran);

    // The only never-woken task was polled once, at start, though `from_isr` was notified.
    CHECK_EQ(idle_polls, 1);
    test::finish();
}

void isr() {
    isr_ran = true;
    isr_at = now();
    from_isr.notify();
}

async::Task all[many + 2];

void executor_main(void*) {
    port::irq_attach(0, isr);
    for (int i = 0; i < many; ++i) all[i] = waiter(i);
    all[many] = never_woken();
    all[many + 1] = driver();
    run_tasks(all, many + 2);
}
}  // namespace

int main() {
    test::start_executor("async_executor", executor_main);
}
