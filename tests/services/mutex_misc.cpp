// Mutex errors and life cycle (recursion policy, non-owner unlock, poll, timeout,
// destroy releasing waiters, a deleted owner handing over) and condition variables.
#include "check.hpp"
#include "tern/mutex.hpp"

using namespace tern;

namespace {
Task ctl, a, b, c;
Stack<1536> ctl_stack, a_stack, b_stack, c_stack;
Mutex m;
RecursiveMutex rm;
CondVar cv;
volatile int step = 0;
volatile Result rb = Result::ok;
volatile int woken = 0;
volatile int shared_value = 0;

void hold_m(void*) {
    m.lock();
    while (step < 1) delay(1);
    m.unlock();
}
void hold_m_and_die(void*) {
    m.lock();
    for (;;) delay(100);
}
void lock_m_b(void*) {
    rb = m.lock();
    if (rb == Result::ok) {
        CHECK(m.owner() == task_self());
        m.unlock();
    }
}

void case_errors() {
    CHECK(m.lock() == Result::ok);
    CHECK(m.lock() == Result::invalid);  // non-recursive: relock is an error
    CHECK(m.owner() == task_self());
    CHECK(m.unlock() == Result::ok);
    CHECK(m.unlock() == Result::invalid);  // not the owner any more
    CHECK(!m.locked());
    // Recursive: every lock needs its unlock.
    CHECK(rm.lock() == Result::ok);
    CHECK(rm.lock() == Result::ok);
    CHECK(rm.lock(no_wait) == Result::ok);
    CHECK(rm.unlock() == Result::ok);
    CHECK(rm.unlock() == Result::ok);
    CHECK(rm.owner() == task_self());
    CHECK(rm.unlock() == Result::ok);
    CHECK(!rm.locked());
    CHECK(rm.unlock() == Result::invalid);
}

void case_poll_timeout_nonowner() {
    step = 0;
    task_create(a, "holder", hold_m, nullptr, 5, a_stack);
    delay(1);
    CHECK(m.try_lock() == Result::would_block);
    CHECK(m.unlock() == Result::invalid);  // not ours: nothing changes
    CHECK(m.owner() == &a);
    Tick t0 = now();
    CHECK(m.lock(7) == Result::timeout);
    CHECK_EQ(now() - t0, 7);
    CHECK(m.owner() == &a);
    CHECK_EQ(a.priority, 5);  // our boost went away with the timeout
    step = 1;
    delay(3);
    CHECK(!m.locked());
}

void case_destroy() {
    step = 0;
    task_create(a, "holder", hold_m, nullptr, 5, a_stack);
    delay(1);
    task_create(b, "waiter", lock_m_b, nullptr, 10, b_stack);
    delay(1);
    CHECK_EQ(a.priority, 10);
    CHECK(m.destroy() == Result::ok);
    delay(1);
    CHECK(rb == Result::deleted);
    CHECK_EQ(a.priority, 5);
    CHECK(m.lock(no_wait) == Result::invalid);
    CHECK(m.destroy() == Result::invalid);
    step = 1;  // the holder's unlock of a destroyed mutex is refused, harmlessly
    delay(3);
    m.init();
    CHECK(m.lock() == Result::ok);
    CHECK(m.unlock() == Result::ok);
}

void case_owner_deleted() {
    task_create(a, "doomed", hold_m_and_die, nullptr, 5, a_stack);
    delay(1);
    task_create(b, "heir", lock_m_b, nullptr, 10, b_stack);
    delay(1);
    CHECK(m.owner() == &a);
    task_delete(&a);  // the mutex passes to the waiter
    delay(1);
    CHECK(rb == Result::ok);
    CHECK(!m.locked());
    // Deleted while holding it with nobody waiting: the next locker takes it over.
    task_create(a, "doomed2", hold_m_and_die, nullptr, 5, a_stack);
    delay(1);
    CHECK(m.owner() == &a);
    task_delete(&a);
    CHECK(m.lock(no_wait) == Result::ok);
    CHECK(m.owner() == task_self());
    CHECK(m.unlock() == Result::ok);
}

// ---- condition variables ----
volatile int items = 0;
void consumer(void*) {
    m.lock();
    while (items == 0) {
        Result r = cv.wait(m);
        CHECK(m.owner() == task_self());
        if (r != Result::ok) {
            m.unlock();
            return;
        }
    }
    --items;
    ++woken;
    m.unlock();
}

void case_condvar() {
    // Waiting without holding the mutex is refused.
    CHECK(cv.wait(m, 5) == Result::invalid);
    // A timed-out wait returns with the mutex held again.
    m.lock();
    Tick t0 = now();
    CHECK(cv.wait(m, 4) == Result::timeout);
    CHECK_EQ(now() - t0, 4);
    CHECK(m.owner() == task_self());
    CHECK(cv.wait(m, no_wait) == Result::would_block);
    m.unlock();
    // signal wakes one (the highest priority), broadcast the rest.
    woken = 0;
    items = 0;
    task_create(a, "c1", consumer, nullptr, 5, a_stack);
    task_create(b, "c2", consumer, nullptr, 7, b_stack);
    task_create(c, "c3", consumer, nullptr, 6, c_stack);
    delay(1);
    CHECK_EQ(woken, 0);
    m.lock();
    items = 1;
    cv.signal();
    m.unlock();
    delay(1);
    CHECK_EQ(woken, 1);
    CHECK(b.state == TaskState::deleted);  // the priority-7 consumer was the one
    m.lock();
    items = 2;
    cv.broadcast();
    m.unlock();
    delay(1);
    CHECK_EQ(woken, 3);
    CHECK_EQ(items, 0);
    // destroy releases waiters with deleted, holding the mutex again.
    task_create(a, "c4", consumer, nullptr, 5, a_stack);
    delay(1);
    CHECK(cv.destroy() == Result::ok);
    delay(1);
    CHECK(a.state == TaskState::deleted);
    CHECK(!m.locked());
    CHECK(cv.signal() == Result::invalid);
    cv.init();
}

// A lock's timeout and the owner's unlock on the same tick, or one apart: the waiter
// either owns the mutex or does not, never half of it.
volatile Tick race_k = 0, race_unlock_at = 0;
volatile Result race_lock = Result::ok;
void race_owner(void*) {
    m.lock();
    delay(race_unlock_at);
    m.unlock();
}
void race_waiter(void*) {
    race_lock = m.lock(race_k);
    if (race_lock == Result::ok) {
        CHECK(m.owner() == task_self());
        m.unlock();
    } else {
        CHECK(m.owner() != task_self());
    }
}

void case_races() {
    int won = 0, lost = 0;
    for (Tick k = 2; k <= 6; ++k) {
        for (int d = -1; d <= 1; ++d) {
            race_k = k;
            race_unlock_at = static_cast<Tick>(static_cast<int>(k) + d);
            race_lock = Result::invalid;
            task_create(b, "owner", race_owner, nullptr, 20, b_stack);
            task_create(a, "waiter", race_waiter, nullptr, 10, a_stack);
            delay(k + 3);
            CHECK(race_lock == Result::ok || race_lock == Result::timeout);
            if (d < 0) CHECK(race_lock == Result::ok);
            if (d > 0) CHECK(race_lock == Result::timeout);
            (race_lock == Result::ok ? won : lost) += 1;
            CHECK(!m.locked());
            CHECK_EQ(b.priority, 20);
        }
    }
    CHECK(won > 0 && lost > 0);
}

void ctl_main(void*) {
    case_errors();
    case_poll_timeout_nonowner();
    case_destroy();
    case_owner_deleted();
    case_condvar();
    case_races();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "mutex_misc";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
