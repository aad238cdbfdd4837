// Bridges: an interrupt wakes a coroutine through Notify (waking a sleeping executor at
// once), a kernel task wakes one through Notify, a coroutine awaits a kernel semaphore and
// a kernel queue, and a kernel task waits for an event set by a coroutine. A bridge wait
// that is cancelled leaves the kernel object as it was.
#include "harness.hpp"
#include "tern/queue.hpp"
#include "tern/semaphore.hpp"

using namespace tern;
using namespace tern::async;

namespace {
Notify from_isr;
Notify from_task;
tern::Semaphore ksem(0);
tern::QueueOf<int, 4> kqueue;
tern::Semaphore async_done(0);  // given by a coroutine, taken by a kernel task
SemaphoreBridge sem_bridge(ksem);
QueueBridge<int> queue_bridge(kqueue);

tern::Task kernel_task, sem_helper, queue_helper;
Stack<1024> kernel_stack, sem_helper_stack, queue_helper_stack;
Tick t0;
volatile bool kernel_done;

void isr() {
    from_isr.notify();
}

// The kernel side of each step, in lock-step with the driver coroutine by time.
void kernel_main(void*) {
    delay(7);  // t0 + 7: interrupt -> coroutine
    port::irq_trigger(0);
    delay(3);  // t0 + 10: kernel task -> coroutine
    from_task.notify();
    delay(5);  // t0 + 15: kernel semaphore -> coroutine
    ksem.give();
    delay(5);  // t0 + 20: kernel queue -> coroutine
    kqueue.send(77);
    // Coroutine -> kernel task: the driver gives async_done at t0 + 30.
    CHECK_EQ(async_done.take(100), Result::ok);
    CHECK_EQ(now() - t0, 30);
    // The driver's bridge waits are cancelled at t0 + 40; a unit given later must stay.
    delay(20);
    ksem.give();
    kqueue.send(88);
    kernel_done = true;
}

async::Task driver() {
    t0 = now();
    task_create(kernel_task, "kernel", kernel_main, nullptr, 10, kernel_stack);

    co_await from_isr.wait();
    CHECK_EQ(now() - t0, 7);
    co_await from_task.wait();
    CHECK_EQ(now() - t0, 10);
    co_await sem_bridge.take();
    CHECK_EQ(now() - t0, 15);
    CHECK_EQ(ksem.count(), 0);
    int item = 0;
    co_await queue_bridge.receive(item);
    CHECK_EQ(now() - t0, 20);
    CHECK_EQ(item, 77);

    co_await sleep_until(t0 + 30);
    async_done.give();

    // Cancelled bridge waits: the helper tasks are blocked in take/receive for nobody.
    auto got = co_await with_deadline(t0 + 40, sem_bridge.take());
    CHECK(!got);
    int lost = 0;
    auto rx = co_await with_deadline(t0 + 40, queue_bridge.receive(lost));
    CHECK(!rx);
    co_await sleep_until(t0 + 70);
    CHECK(kernel_done);
    CHECK_EQ(ksem.count(), 1);    // given back by the helper
    CHECK_EQ(kqueue.count(), 1);  // put back at the front
    CHECK_EQ(lost, 0);
    int back = 0;
    CHECK_EQ(kqueue.receive(back, no_wait), Result::ok);
    CHECK_EQ(back, 88);
    // The unit is still usable through the bridge, without waiting.
    co_await sem_bridge.take();
    CHECK_EQ(now() - t0, 70);
    test::finish();
}

void executor_main(void*) {
    port::irq_attach(0, isr);
    sem_bridge.start(sem_helper, sem_helper_stack, 8);
    queue_bridge.start(queue_helper, queue_helper_stack, 8);
    run_tasks(driver());
}
}  // namespace

int main() {
    test::start_executor("async_bridge", executor_main);
}
