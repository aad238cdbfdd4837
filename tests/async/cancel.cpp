// Cancellation: destroying a suspended coroutine unlinks its wait node and changes nothing
// else, for every primitive. Each case runs a child coroutine (Co) that suspends in one
// operation, then loses a select against a short sleep: select destroys the child's frame
// while it waits. The case then checks that the primitive is exactly as before, and that
// the frame went back to the arena. On the host, freed frames are poisoned for
// AddressSanitizer, so a node left linked in a destroyed frame fails the test on its next
// use.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
Notify notify;
int flag;
async::Mutex mutex;
async::Semaphore sem(0);
async::Queue<int, 2> queue;
Handoff<int> handoff;
Watch<int> watch(0);
Notify go;
int reached;  // how far a child got: it must never run past its wait

template <typename O>
Co<> wait_in(O op) {
    co_await op;
    ++reached;
}

// Runs `child` until it suspends, then destroys it by losing a select to a 2-tick sleep.
template <typename C>
Co<> cancel(C child) {
    size_t w = co_await select(static_cast<C&&>(child), sleep_for(2));
    CHECK_EQ(w, 1);
}

// The child queues; then, in one poll, `go` is notified and `grant` hands the child what it
// waits for. The select sees `go` first and destroys the child, granted but not resumed.
template <typename F>
Co<> granter(F grant) {
    co_await yield_now();
    co_await yield_now();
    go.notify();
    grant();
}

template <typename C, typename F>
Co<> grant_then_cancel(C child, F grant) {
    co_await join(select(static_cast<C&&>(child), go.wait()), granter(grant));
}

Co<> lock_and_hold() {
    auto g = co_await mutex.lock();
    ++reached;
}

Co<> nested() {
    co_await join(wait_in(notify.wait()), wait_in(sleep_for(1000)),
                  wait_in(with_timeout(500, queue.pop())));
}

async::Task driver() {
    size_t base = arena::used();

    // Notify::wait and ::until
    co_await cancel(wait_in(notify.wait()));
    co_await cancel(wait_in(notify.until([] { return flag != 0; })));
    CHECK(!notify.has_waiters());
    notify.notify();

    // sleep_for: the executor's deadline list no longer holds the node.
    CHECK_EQ(co_await select(wait_in(sleep_for(1)), sleep_for(2)), 0);  // the child wins here
    CHECK_EQ(reached, 1);
    reached = 0;
    co_await cancel(wait_in(sleep_for(100)));
    co_await sleep_for(150);  // the cancelled deadline passes: nothing may touch it

    // PeriodicGate: a cancelled next() does not advance the schedule.
    PeriodicGate gate(50);
    Tick due = gate.deadline();
    co_await cancel(wait_in(gate.next()));
    CHECK_EQ(gate.deadline(), due);

    // Mutex, waiting: the queue forgets the waiter; unlock leaves the mutex free.
    {
        auto g = co_await mutex.lock();
        co_await cancel(lock_and_hold());
    }
    CHECK(!mutex.locked());
    // Mutex, granted but not yet resumed: ownership passes on (here the mutex unlocks).
    CHECK(mutex.try_lock());
    co_await grant_then_cancel(lock_and_hold(), [] { mutex.unlock(); });
    CHECK(!mutex.locked());

    // Semaphore: a cancelled acquire takes nothing; a cancelled grant is released back.
    co_await cancel(wait_in(sem.acquire()));
    sem.release();
    CHECK_EQ(sem.available(), 1);
    CHECK(sem.try_acquire());
    co_await grant_then_cancel(wait_in(sem.acquire()), [] { sem.release(); });
    CHECK_EQ(sem.available(), 1);
    CHECK(sem.try_acquire());

    // Queue: a cancelled pop leaves the item; a cancelled reserve or push leaves no trace.
    co_await cancel(wait_in(queue.pop()));
    CHECK(queue.try_push(1));
    CHECK_EQ(queue.size(), 1);
    CHECK(queue.try_push(2));
    co_await cancel(wait_in(queue.reserve()));
    co_await cancel(wait_in(queue.push(99)));
    CHECK_EQ(queue.reserved(), 0);
    int v = 0;
    CHECK(queue.try_pop(v));
    CHECK_EQ(v, 1);
    CHECK(queue.try_pop(v));
    CHECK_EQ(v, 2);
    CHECK(!queue.try_pop(v));  // 99 was never pushed

    // Handoff: a cancelled pop takes nothing, a cancelled push delivers nothing.
    co_await cancel(wait_in(handoff.pop()));
    co_await cancel(wait_in(handoff.push(7)));
    auto none = co_await with_timeout(5, handoff.pop());
    CHECK(!none.ok);

    // Watch: a cancelled changed() consumes nothing.
    auto rx = watch.subscribe();
    co_await cancel(wait_in(rx.changed()));
    watch.send(5);
    CHECK(rx.has_changed());

    // Combinators and nested children: join of three waits, one wrapped in with_timeout,
    // all inside a child, all cancelled at once.
    co_await cancel(nested());
    CHECK(!notify.has_waiters());
    co_await sleep_for(1100);  // every cancelled deadline passes

    CHECK_EQ(reached, 0);
    CHECK_EQ(arena::used(), base);
    test::finish();
}

void executor_main(void*) {
    run_tasks(driver());
}
}  // namespace

int main() {
    test::start_executor("async_cancel", executor_main);
}
