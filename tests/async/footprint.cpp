// The minimal two-task async image the benchmark measures (async_text_bytes,
// async_ram_bytes: symbols in namespace tern::async, arena excluded) and the interrupt ->
// coroutine latency (notify_to_task_insns: from the ISR's Notify to the first instruction
// after the woken coroutine's co_await). It also runs as a test: a few rounds, then exit.
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

// Marks for the latency measurement: a debugger/QEMU trace brackets the path between the
// two symbols.
extern "C" [[gnu::noinline]] void tern_async_bench_notify() {
    tick.notify();
}
extern "C" [[gnu::noinline]] void tern_async_bench_woken() {
    asm volatile("" ::: "memory");
}

void isr() {
    tern_async_bench_notify();
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
        tern_async_bench_woken();
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
