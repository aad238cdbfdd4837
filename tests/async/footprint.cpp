// The minimal two-task async image that ./tern bench measures for async_text_bytes and
// async_ram_bytes (tools/bench/mapsize.py: what src/async and tern::async templates put in
// the image; the frame arena counts with the stacks). One task sleeps and raises an
// interrupt, the other waits for the interrupt's Notify. It also runs as a test: a few
// rounds, then exit.
#include "tern/async/notify.hpp"
#include "tern/async/task.hpp"
#include "tern/async/time.hpp"
#include "tern/kernel.hpp"

using namespace tern;

namespace {
tern::Task executor;
Stack<1024> executor_stack;
async::Notify tick;
volatile int rounds;

void isr() {
    tick.notify();
}

async::Task sleeper() {
    for (;;) {
        co_await async::sleep_for(5);
        port::irq_trigger(0);
    }
}

async::Task waker() {
    for (;;) {
        co_await tick.wait();
        if (++rounds == 10) {
            print("async_footprint: done\r\n");
            port::exit(0);
        }
    }
}

void executor_main(void*) {
    port::irq_attach(0, isr);
    async::run_tasks(waker(), sleeper());
}
}  // namespace

int main() {
    task_create(executor, "async", executor_main, nullptr, 1, executor_stack);
    start();
}
