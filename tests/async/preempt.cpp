// Built with TERN_ASYNC_PREEMPT_BELOW=128: an interrupt more urgent than priority 128 runs
// in the middle of a poll (the default build would hold it until the poll ends; the
// executor test checks that). Its Notify still wakes the right coroutine, exactly once.
// On cores without a priority mask every interrupt may preempt (docs/async.md).
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
volatile int isr_count;
Notify from_isr;
int woken;

void isr() {
    ++isr_count;
    from_isr.notify();
}

async::Task listener() {
    for (;;) {
        co_await from_isr.wait();
        ++woken;
    }
}

async::Task driver() {
    for (int round = 1; round <= 3; ++round) {
        port::irq_trigger(0);
        // Still inside this poll: the interrupt has already run.
        for (int spin = 0; spin < 1000 && isr_count != round; ++spin) {
        }
        CHECK_EQ(isr_count, round);
        CHECK_EQ(woken, round - 1);  // the listener runs only after this poll
        co_await yield_now();
        co_await yield_now();
        CHECK_EQ(woken, round);
    }
    test::finish();
}

void executor_main(void*) {
    port::irq_attach(0, isr);
    run_tasks(listener(), driver());  // the listener waits before the first interrupt
}
}  // namespace

int main() {
    test::start_executor("async_preempt", executor_main);
}
