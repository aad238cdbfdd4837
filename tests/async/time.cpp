// Time: sleeps end exactly on their tick, a PeriodicGate never drifts, with_timeout and
// with_deadline end on time or with the op, and an idle executor sleeps tickless: the
// kernel switches to it only when a deadline is due, never 1,000 times a second.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
Notify never;
Notify soon;
Notify go;

async::Task sleeper() {
    // sleep_for and sleep_until end on the tick they name.
    static const Tick delays[] = {1, 2, 7, 50};
    for (Tick d : delays) {
        Tick t0 = now();
        co_await sleep_for(d);
        CHECK_EQ(now() - t0, d);
    }
    Tick target = now() + 33;
    co_await sleep_until(target);
    CHECK_EQ(now(), target);
    co_await sleep_until(target - 5);  // in the past: completes at once
    CHECK_EQ(now(), target);

    // A periodic gate over 1,000 periods ends exactly on schedule, while the work between
    // gates varies.
    Tick start = now();
    PeriodicGate gate(3);
    for (int i = 0; i < 1000; ++i) {
        co_await gate.next();
        if (i % 7 == 0) co_await sleep_for(1);  // late-ish work, still inside the period
    }
    CHECK_EQ(now() - start, 3000);

    // with_timeout: an op that never completes times out after exactly the timeout.
    Tick t1 = now();
    bool ok = co_await with_timeout(25, never.wait());
    CHECK(!ok);
    CHECK_EQ(now() - t1, 25);
    // ...and one that completes first wins, with the timer cancelled.
    Tick t2 = now();
    go.notify();
    ok = co_await with_deadline(t2 + 100, soon.wait());
    CHECK(ok);
    CHECK_EQ(now() - t2, 10);
    co_await sleep_for(200);  // the cancelled timer must not wake anything
    CHECK(!never.has_waiters());

    // Tickless: 2,000 idle ticks cost a handful of switches, not 2,000.
    SystemStats before, after;
    system_stats(before);
    co_await sleep_for(2000);
    system_stats(after);
    CHECK(after.context_switches - before.context_switches < 10);
    CHECK_EQ(after.uptime_ticks - before.uptime_ticks, 2000);
    test::finish();
}

async::Task notifier() {
    for (;;) {
        co_await go.wait();
        co_await sleep_for(10);
        soon.notify();
    }
}

void executor_main(void*) {
    run_tasks(sleeper(), notifier());
}
}  // namespace

int main() {
    test::start_executor("async_time", executor_main);
}
