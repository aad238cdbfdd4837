// Priority inheritance in the hard cases: the basic inversion (a medium task must not
// delay the boosted owner), chains, several held mutexes released in either order, a
// waiter that times out / is deleted / changes priority, and the owner's own priority
// changing while boosted.
#include "check.hpp"
#include "tern/mutex.hpp"

using namespace tern;

namespace {
Task ctl, low, mid, high;
Stack<1536> ctl_stack, low_stack, mid_stack, high_stack;
Mutex m1, m2;
volatile int step = 0;
volatile bool high_got = false, mid_saw_high_got = false;
volatile Result high_result = Result::ok;
volatile Priority seen1 = 0, seen2 = 0;

// ---- 1. basic inversion ----
void low_hold_m1(void*) {
    m1.lock();
    while (step < 1) yield();
    m1.unlock();
    seen1 = task_self()->priority;
    while (step < 2) yield();
}
void high_take_m1(void*) {
    high_result = m1.lock();
    high_got = true;
    m1.unlock();
}
void mid_spin(void*) { mid_saw_high_got = high_got; }

void case_basic() {
    step = 0;
    task_create(low, "low", low_hold_m1, nullptr, 5, low_stack);
    delay(2);
    CHECK(m1.owner() == &low);
    task_create(high, "high", high_take_m1, nullptr, 20, high_stack);
    delay(2);
    CHECK_EQ(low.priority, 20);  // boosted
    CHECK_EQ(low.base_priority, 5);
    CHECK(!high_got);
    step = 1;
    task_create(mid, "mid", mid_spin, nullptr, 10, mid_stack);
    delay(3);
    CHECK(high_got);
    CHECK(high_result == Result::ok);
    CHECK(mid_saw_high_got);  // the boosted owner ran before the medium task
    CHECK_EQ(seen1, 5);       // back to base at unlock
    step = 2;
    delay(2);
    CHECK(m1.owner() == nullptr);
}

// ---- 2. chain, and a timeout undoing the boost along it ----
volatile Result a_result = Result::ok;
void chain_c(void*) {  // low: holds m1
    m1.lock();
    while (step < 1) yield();
    m1.unlock();
    seen1 = task_self()->priority;
}
void chain_b(void*) {  // mid: holds m2, waits for m1
    m2.lock();
    m1.lock();
    m1.unlock();
    m2.unlock();
}
void chain_a(void*) { a_result = m2.lock(10); }  // high: waits for m2 with a timeout

void case_chain() {
    step = 0;
    task_create(low, "C", chain_c, nullptr, 5, low_stack);
    delay(1);
    task_create(mid, "B", chain_b, nullptr, 10, mid_stack);
    delay(1);
    CHECK(m2.owner() == &mid);
    CHECK_EQ(low.priority, 10);
    Tick t0 = now();
    task_create(high, "A", chain_a, nullptr, 20, high_stack);
    delay(1);
    CHECK_EQ(mid.priority, 20);
    CHECK_EQ(low.priority, 20);  // C runs at A's priority through B
    while (now() - t0 < 12) delay(1);
    CHECK(a_result == Result::timeout);
    CHECK_EQ(mid.priority, 10);  // A gave up: the chain falls back
    CHECK_EQ(low.priority, 10);
    step = 1;
    delay(2);
    CHECK_EQ(seen1, 5);
    CHECK(m1.owner() == nullptr);
    CHECK(m2.owner() == nullptr);
}

// ---- 3. several held mutexes ----
volatile bool first_m1 = false;
void multi_owner(void*) {
    m1.lock();
    m2.lock();
    while (step < 1) yield();
    if (first_m1) m1.unlock(); else m2.unlock();
    seen1 = task_self()->priority;
    while (step < 2) yield();
    if (first_m1) m2.unlock(); else m1.unlock();
    seen2 = task_self()->priority;
}
void take_m1(void*) { m1.lock(); m1.unlock(); }
void take_m2(void*) { m2.lock(); m2.unlock(); }

void case_multi(bool m1_first) {
    step = 0;
    first_m1 = m1_first;
    task_create(low, "owner", multi_owner, nullptr, 5, low_stack);
    delay(1);
    task_create(high, "w20", take_m1, nullptr, 20, high_stack);  // owed 20 via m1
    task_create(mid, "w10", take_m2, nullptr, 10, mid_stack);    // owed 10 via m2
    delay(1);
    CHECK_EQ(low.priority, 20);
    step = 1;
    delay(1);
    // Releasing m2 keeps the 20 still owed through m1; releasing m1 leaves the 10 of m2.
    CHECK_EQ(seen1, m1_first ? 10 : 20);
    step = 2;
    delay(1);
    CHECK_EQ(seen2, 5);
}

// ---- 4. a waiter deleted, a waiter changing priority, the owner changing priority ----
void hold_until_step(void*) {
    m1.lock();
    while (step < 1) yield();
    m1.unlock();
}
void wait_m1(void*) { m1.lock(); m1.unlock(); }

void case_waiter_changes() {
    step = 0;
    task_create(low, "owner", hold_until_step, nullptr, 5, low_stack);
    delay(1);
    task_create(high, "waiter", wait_m1, nullptr, 20, high_stack);
    delay(1);
    CHECK_EQ(low.priority, 20);
    task_delete(&high);  // the waiter is deleted: its boost goes with it
    CHECK_EQ(low.priority, 5);
    task_create(mid, "waiter2", wait_m1, nullptr, 10, mid_stack);
    delay(1);
    CHECK_EQ(low.priority, 10);
    task_set_priority(&mid, 30);  // a waiter rises: the owner follows
    CHECK_EQ(low.priority, 30);
    task_set_priority(&mid, 3);   // and falls: the owner goes back to its base
    CHECK_EQ(low.priority, 5);
    task_set_priority(&mid, 12);
    CHECK_EQ(low.priority, 12);
    // The owner's own priority changes while boosted: the boost stays above a lower base.
    task_set_priority(&low, 8);
    CHECK_EQ(low.priority, 12);
    CHECK_EQ(low.base_priority, 8);
    task_set_priority(&low, 15);
    CHECK_EQ(low.priority, 15);
    task_set_priority(&low, 6);
    CHECK_EQ(low.priority, 12);
    step = 1;
    delay(2);
    CHECK_EQ(low.priority, 6);
    CHECK(m1.owner() == nullptr);
    task_delete(&low);
}

// ---- 5. a chain whose top waiter changes priority, then is deleted ----
void wait_m2(void*) { m2.lock(); m2.unlock(); }

void case_chain_priority_change() {
    step = 0;
    task_create(low, "C", chain_c, nullptr, 5, low_stack);
    delay(1);
    task_create(mid, "B", chain_b, nullptr, 10, mid_stack);
    delay(1);
    task_create(high, "A", wait_m2, nullptr, 11, high_stack);
    delay(1);
    CHECK_EQ(mid.priority, 11);
    CHECK_EQ(low.priority, 11);
    task_set_priority(&high, 40);
    CHECK_EQ(mid.priority, 40);
    CHECK_EQ(low.priority, 40);
    task_set_priority(&high, 2);
    CHECK_EQ(mid.priority, 10);
    CHECK_EQ(low.priority, 10);
    task_set_priority(&high, 33);
    CHECK_EQ(low.priority, 33);
    // The middle of the chain changes its own base: the owner below follows, and the
    // boost the middle gets from above stays.
    task_set_priority(&mid, 45);
    CHECK_EQ(mid.priority, 45);
    CHECK_EQ(low.priority, 45);
    task_set_priority(&mid, 10);
    CHECK_EQ(mid.priority, 33);
    CHECK_EQ(low.priority, 33);
    task_delete(&high);
    CHECK_EQ(mid.priority, 10);
    CHECK_EQ(low.priority, 10);
    step = 1;
    delay(2);
    CHECK(m1.owner() == nullptr);
    CHECK(m2.owner() == nullptr);
}

void ctl_main(void*) {
    case_basic();
    case_chain();
    case_multi(false);
    case_multi(true);
    case_waiter_changes();
    case_chain_priority_change();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "mutex_pi";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
