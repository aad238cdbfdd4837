// select and join: select returns the first operand to complete (the first listed when
// several are ready) and cancels the others; a named operand keeps its result; join waits
// for every operand; combinators nest.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
Notify a, b;
async::Queue<int, 4> queue;

Co<int> after(Tick t, int v) {
    co_await sleep_for(t);
    co_return v;
}

async::Task poker() {
    for (;;) {
        co_await sleep_for(5);
        b.notify();
    }
}

async::Task driver() {
    // The first to complete wins; losers are withdrawn (a's waiter is gone).
    Tick t0 = now();
    size_t w = co_await select(a.wait(), b.wait(), sleep_for(100));
    CHECK_EQ(w, 1);
    CHECK(!a.has_waiters());
    CHECK(now() - t0 <= 5);

    // Biased: when several are ready at the first poll, the first listed wins.
    CHECK(queue.try_push(10));
    CHECK(queue.try_push(11));
    auto pop1 = queue.pop();
    auto pop2 = queue.pop();
    w = co_await select(pop2, pop1);
    CHECK_EQ(w, 0);
    CHECK_EQ(pop2.value(), 10);
    CHECK_EQ(queue.size(), 1);  // pop1 was never completed: 11 is still queued
    w = co_await select(sleep_for(50), queue.pop());
    CHECK_EQ(w, 1);
    CHECK_EQ(queue.size(), 0);

    // Values through with_timeout, and a timeout inside select.
    auto v = co_await with_timeout(10, after(3, 42));
    CHECK(v.ok);
    CHECK_EQ(*v, 42);
    auto late = co_await with_timeout(3, after(10, 43));
    CHECK(!late.ok);

    // join waits for all; its operands run concurrently.
    Tick t1 = now();
    co_await join(sleep_for(20), after(10, 0), sleep_for(15));
    CHECK_EQ(now() - t1, 20);

    // Nesting: a select of a join and a timeout.
    Tick t2 = now();
    w = co_await select(join(sleep_for(7), sleep_for(9)), sleep_for(30));
    CHECK_EQ(w, 0);
    CHECK_EQ(now() - t2, 9);
    w = co_await select(join(sleep_for(7), a.wait()), sleep_for(30));
    CHECK_EQ(w, 1);
    CHECK(!a.has_waiters());
    test::finish();
}

void executor_main(void*) {
    run_tasks(driver(), poker());
}
}  // namespace

int main() {
    test::start_executor("async_select", executor_main);
}
