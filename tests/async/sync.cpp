// Synchronisation between coroutines: the fair Mutex hands ownership to waiters in order
// (no barging), the Semaphore grants permits FIFO, the Queue keeps order and blocks on
// full/empty with reserve-then-push, Handoff is a rendezvous, Watch delivers the latest
// value, and Co children return values.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
async::Mutex mutex;
int order[8];
int order_n;
async::Semaphore sem(0);
async::Queue<int, 3> queue;
Handoff<int> handoff;
Watch<int> watch(0);
Notify phase;
int phase_n;

async::Task contender(int id) {
    co_await phase.until([] { return phase_n >= 1; });
    auto g = co_await mutex.lock();
    order[order_n++] = id;
    co_await sleep_for(2);  // hold it across a suspension
}

async::Task acquirer(int id) {
    co_await phase.until([] { return phase_n >= 2; });
    co_await sem.acquire();
    order[order_n++] = id;
}

Co<int> twice(int v) {
    co_await sleep_for(1);
    co_return 2 * v;
}

Co<int> sum_of_twice(int a, int b) {
    int x = co_await twice(a);
    int y = co_await twice(b);
    co_return x + y;
}

async::Task consumer() {
    for (;;) {
        int v = co_await handoff.pop();
        order[order_n++] = v;
    }
}

async::Task driver() {
    // Mutex: the driver holds it, three contenders queue, and the driver's re-lock after
    // unlock must queue behind them (ownership is handed over, not released).
    {
        auto g = co_await mutex.lock();
        CHECK(g.owns());
        phase_n = 1;
        phase.notify();
        co_await sleep_for(1);  // contenders 1, 2, 3 queue in that order
        CHECK(!mutex.try_lock());
    }
    {
        auto g = co_await mutex.lock();  // behind 1, 2, 3
        CHECK_EQ(order_n, 3);
        CHECK_EQ(order[0], 1);
        CHECK_EQ(order[1], 2);
        CHECK_EQ(order[2], 3);
    }
    CHECK(!mutex.locked());
    order_n = 0;

    // Semaphore: permits go to waiters FIFO, and a newcomer cannot take a granted permit.
    phase_n = 2;
    phase.notify();
    co_await yield_now();
    co_await yield_now();
    sem.release();
    sem.release();
    CHECK(!sem.try_acquire());  // both permits already belong to waiters
    co_await yield_now();
    CHECK_EQ(order_n, 2);
    CHECK_EQ(order[0], 11);
    CHECK_EQ(order[1], 12);
    sem.release();  // nobody waits: the count holds it
    CHECK_EQ(sem.available(), 1);
    co_await sem.acquire();
    CHECK_EQ(sem.available(), 0);
    order_n = 0;

    // Queue: FIFO, capacity, reserve-then-push, pop waits.
    for (int i = 0; i < 3; ++i) co_await queue.push(i);
    CHECK(!queue.try_push(99));
    auto timed = co_await with_timeout(5, queue.reserve());
    CHECK(!timed.ok);
    CHECK_EQ(queue.reserved(), 0);
    CHECK_EQ(co_await queue.pop(), 0);
    {
        auto permit = co_await queue.reserve();
        CHECK(permit.valid());
        CHECK(!queue.try_push(99));  // the reserved slot is not free for others
        permit.push(3);
    }
    int v = -1;
    CHECK(queue.try_pop(v));
    CHECK_EQ(v, 1);
    CHECK_EQ(co_await queue.pop(), 2);
    CHECK_EQ(co_await queue.pop(), 3);
    {
        auto permit = co_await queue.reserve();
        (void)permit;  // dropped unused: the slot comes back
    }
    CHECK_EQ(queue.reserved(), 0);
    auto late = with_timeout(3, queue.pop());
    auto got = co_await late;
    CHECK(!got.ok);

    // Handoff: a push completes only when the consumer took the value.
    co_await handoff.push(41);
    co_await handoff.push(42);
    co_await yield_now();
    CHECK_EQ(order_n, 2);
    CHECK_EQ(order[0], 41);
    CHECK_EQ(order[1], 42);
    order_n = 0;

    // Watch: a receiver sees the latest value; changed() waits for a newer one.
    auto rx = watch.subscribe();
    CHECK(!rx.has_changed());
    watch.send(1);
    watch.send(2);
    co_await rx.changed();
    CHECK_EQ(rx.get(), 2);
    bool changed = co_await with_timeout(5, rx.changed());
    CHECK(!changed);

    // Co: child coroutines return values, nest, and give their frames back.
    size_t used = arena::used();
    CHECK_EQ(co_await sum_of_twice(3, 4), 14);
    CHECK_EQ(arena::used(), used);
    test::finish();
}

void executor_main(void*) {
    run_tasks(driver(), contender(1), contender(2), contender(3), acquirer(11), acquirer(12),
              consumer());
}
}  // namespace

int main() {
    test::start_executor("async_sync", executor_main);
}
