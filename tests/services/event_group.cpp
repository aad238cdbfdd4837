// Event groups, the four modes of the seed: AND (all), OR (any), NOT (wait for clear,
// all or any), SYNC (barrier: everyone released on the same tick, bits cleared), plus
// clear-on-exit, polls, timeouts, several waiters released by one set, destroy.
#include "check.hpp"
#include "tern/event_group.hpp"

using namespace tern;

namespace {
Task ctl, t1, t2, t3;
Stack<1536> ctl_stack, s1, s2, s3;
EventGroup eg;

struct WaitArgs {
    uint32_t mask;
    uint32_t options;
    Tick timeout;
    volatile Result result;
    volatile uint32_t bits;
    volatile Tick at;
    volatile bool done;
};

void waiter(void* p) {
    WaitArgs& a = *static_cast<WaitArgs*>(p);
    uint32_t bits = 0;
    a.result = eg.wait(a.mask, a.options, &bits, a.timeout);
    a.bits = bits;
    a.at = now();
    a.done = true;
}

void case_and_or() {
    eg.init();
    WaitArgs all{0x3, event_all, forever, Result::invalid, 0, 0, false};
    WaitArgs any{0xC, event_any, forever, Result::invalid, 0, 0, false};
    task_create(t1, "all", waiter, &all, 10, s1);
    task_create(t2, "any", waiter, &any, 10, s2);
    delay(1);
    eg.set(0x1);
    delay(1);
    CHECK(!all.done);  // AND needs both
    CHECK(!any.done);
    eg.set(0x8);
    delay(1);
    CHECK(any.done);  // OR: one is enough
    CHECK(any.result == Result::ok);
    CHECK_EQ(any.bits, 0x9);
    CHECK(!all.done);
    eg.set(0x2);
    delay(1);
    CHECK(all.done);
    CHECK(all.result == Result::ok);
    CHECK_EQ(all.bits, 0xB);
    CHECK_EQ(eg.get(), 0xB);  // no clear-on-exit: bits stay
    // Already satisfied: returns at once; with clear-on-exit the awaited bits go.
    uint32_t bits = 0;
    CHECK(eg.wait(0x3, event_all | event_clear_on_exit, &bits, no_wait) == Result::ok);
    CHECK_EQ(bits, 0xB);
    CHECK_EQ(eg.get(), 0x8);
    CHECK(eg.wait(0x3, event_any, &bits, no_wait) == Result::would_block);
    Tick t0 = now();
    CHECK(eg.wait(0x3, event_all, &bits, 5) == Result::timeout);
    CHECK_EQ(now() - t0, 5);
    CHECK(eg.wait(0, event_any, nullptr, no_wait) == Result::invalid);
    CHECK(eg.wait(1, 0x80, nullptr, no_wait) == Result::invalid);
}

void case_not() {
    eg.init();
    eg.set(0x7);
    WaitArgs all_clear{0x3, event_all | event_clear, forever, Result::invalid, 0, 0, false};
    WaitArgs any_clear{0x6, event_any | event_clear, forever, Result::invalid, 0, 0, false};
    task_create(t1, "allclr", waiter, &all_clear, 10, s1);
    task_create(t2, "anyclr", waiter, &any_clear, 10, s2);
    delay(1);
    CHECK(!all_clear.done && !any_clear.done);
    eg.clear(0x1);
    delay(1);
    CHECK(!all_clear.done);  // bit 1 still set
    CHECK(!any_clear.done);  // bits 1, 2 both set
    eg.clear(0x2);
    delay(1);
    CHECK(all_clear.done);
    CHECK(any_clear.done);
    CHECK_EQ(all_clear.bits, 0x4);
    CHECK_EQ(eg.get(), 0x4);
    uint32_t bits = 0;
    CHECK(eg.wait(0x4, event_any | event_clear, &bits, no_wait) == Result::would_block);
    CHECK(eg.wait(0x3, event_all | event_clear, &bits, no_wait) == Result::ok);
}

void case_clear_on_exit_many() {
    // One set releases every satisfied waiter; all judged on the same bits; then cleared.
    eg.init();
    WaitArgs a{0x1, event_any | event_clear_on_exit, forever, Result::invalid, 0, 0, false};
    WaitArgs b{0x1, event_any, forever, Result::invalid, 0, 0, false};
    WaitArgs c{0x2, event_any, 20, Result::invalid, 0, 0, false};
    task_create(t1, "a", waiter, &a, 12, s1);
    task_create(t2, "b", waiter, &b, 11, s2);
    task_create(t3, "c", waiter, &c, 10, s3);
    delay(1);
    eg.set(0x1);
    delay(1);
    CHECK(a.done && b.done);
    CHECK_EQ(a.bits, 0x1);
    CHECK_EQ(b.bits, 0x1);  // b saw the bit although a clears it
    CHECK_EQ(eg.get(), 0);
    CHECK(!c.done);
    delay(25);
    CHECK(c.done);
    CHECK(c.result == Result::timeout);
}

struct SyncArgs {
    uint32_t own;
    Tick arrive_after;
    volatile Result result;
    volatile Tick at;
    volatile uint32_t bits;
};
void syncer(void* p) {
    SyncArgs& s = *static_cast<SyncArgs*>(p);
    delay(s.arrive_after);
    uint32_t bits = 0;
    s.result = eg.sync(s.own, 0x7, &bits, 100);
    s.bits = bits;
    s.at = now();
}

void case_sync() {
    eg.init();
    SyncArgs a{0x1, 2, Result::invalid, 0, 0};
    SyncArgs b{0x2, 5, Result::invalid, 0, 0};
    SyncArgs c{0x4, 9, Result::invalid, 0, 0};
    Tick t0 = now();
    task_create(t1, "s1", syncer, &a, 10, s1);
    task_create(t2, "s2", syncer, &b, 11, s2);
    task_create(t3, "s3", syncer, &c, 9, s3);
    delay(12);
    CHECK(a.result == Result::ok && b.result == Result::ok && c.result == Result::ok);
    // All released on the last arrival's tick.
    CHECK_EQ(a.at - t0, 9);
    CHECK_EQ(b.at - t0, 9);
    CHECK_EQ(c.at - t0, 9);
    CHECK_EQ(a.bits & 0x7, 0x7);
    CHECK_EQ(c.bits & 0x7, 0x7);
    CHECK_EQ(eg.get(), 0);  // the barrier's bits are cleared
    // A barrier that never completes times out, leaving the arrival bit.
    uint32_t bits = 0;
    t0 = now();
    CHECK(eg.sync(0x1, 0x3, &bits, 4) == Result::timeout);
    CHECK_EQ(now() - t0, 4);
    CHECK_EQ(eg.get(), 0x1);
    // The last arrival does not block.
    CHECK(eg.sync(0x2, 0x3, &bits, no_wait) == Result::ok);
    CHECK_EQ(bits, 0x3);
    CHECK_EQ(eg.get(), 0);
}

void case_destroy() {
    eg.init();
    WaitArgs a{0x1, event_any, forever, Result::invalid, 0, 0, false};
    task_create(t1, "a", waiter, &a, 12, s1);
    delay(1);
    CHECK(eg.destroy() == Result::ok);
    delay(1);
    CHECK(a.result == Result::deleted);
    CHECK(eg.set(1) == Result::invalid);
    eg.init();
}

void ctl_main(void*) {
    case_and_or();
    case_not();
    case_clear_on_exit_many();
    case_sync();
    case_destroy();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "event_group";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
