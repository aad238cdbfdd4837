// Semaphores: counting limits, polls, exact timeouts, waiters served by priority then
// FIFO, destroy, and timeouts racing with gives (from a task and from an interrupt):
// a unit is never lost nor duplicated, whichever wins.
#include "check.hpp"
#include "tern/semaphore.hpp"

using namespace tern;

namespace {
Task ctl, w1, w2, w3, giver;
Stack<1536> ctl_stack, w1_stack, w2_stack, w3_stack, giver_stack;
Semaphore sem;
BinarySemaphore bin;
char order[8];
volatile int order_len = 0;
volatile Result wait_result = Result::ok;

void taker(void* arg) {
    Result r = sem.take();
    if (r == Result::ok) order[order_len++] = static_cast<char>(reinterpret_cast<uintptr_t>(arg));
    wait_result = r;
}

void case_counting() {
    CHECK(sem.init(2, 3) == Result::ok);
    CHECK(sem.init(4, 3) == Result::invalid);
    CHECK(sem.take(no_wait) == Result::ok);
    CHECK(sem.take(no_wait) == Result::ok);
    CHECK(sem.try_take() == Result::would_block);
    CHECK(sem.give() == Result::ok);
    CHECK(sem.give() == Result::ok);
    CHECK(sem.give() == Result::ok);
    CHECK(sem.give() == Result::would_block);  // at its maximum: nothing changes
    CHECK_EQ(sem.count(), 3);
    CHECK(sem.give_from_isr() == Result::wrong_context);  // a task is not an interrupt
    CHECK(sem.take_from_isr() == Result::wrong_context);
    CHECK_EQ(sem.count(), 3);
    // Binary.
    CHECK_EQ(bin.count(), 0);
    CHECK(bin.give() == Result::ok);
    CHECK(bin.give() == Result::would_block);
    CHECK(bin.take(no_wait) == Result::ok);
    CHECK(bin.take(no_wait) == Result::would_block);
}

void case_timeout() {
    sem.init(0);
    static const Tick waits[] = {1, 2, 5, 13};
    for (Tick t : waits) {
        Tick t0 = now();
        CHECK(sem.take(t) == Result::timeout);
        CHECK_EQ(now() - t0, t);
    }
}

void case_order() {
    sem.init(0);
    order_len = 0;
    task_create(w1, "a9", taker, reinterpret_cast<void*>('a'), 9, w1_stack);
    task_create(w2, "b5", taker, reinterpret_cast<void*>('b'), 5, w2_stack);
    task_create(w3, "c9", taker, reinterpret_cast<void*>('c'), 9, w3_stack);
    delay(1);
    for (int i = 0; i < 3; ++i) {
        sem.give();
        delay(1);
    }
    CHECK_EQ(order_len, 3);
    CHECK_EQ(order[0], 'a');  // highest priority first, FIFO among equals
    CHECK_EQ(order[1], 'c');
    CHECK_EQ(order[2], 'b');
    CHECK_EQ(sem.count(), 0);
}

void case_destroy() {
    sem.init(0);
    task_create(w1, "w", taker, reinterpret_cast<void*>('x'), 9, w1_stack);
    delay(1);
    CHECK(sem.destroy() == Result::ok);
    delay(1);
    CHECK(wait_result == Result::deleted);
    CHECK(sem.take(no_wait) == Result::invalid);
    CHECK(sem.give() == Result::invalid);
    CHECK(sem.destroy() == Result::invalid);
}

// ---- races: the waiter's timeout and the give fall on the same tick, or one apart ----
volatile Tick race_timeout = 0;
volatile Tick race_give_after = 0;
volatile bool race_from_isr = false;
volatile Result give_result = Result::ok;
volatile Result isr_give_result = Result::ok;

void race_isr() { isr_give_result = sem.give_from_isr(); }
void race_waiter(void*) { wait_result = sem.take(race_timeout); }
void race_giver(void*) {
    delay(race_give_after);
    if (race_from_isr) {
        port::irq_trigger(0);
        give_result = isr_give_result;
    } else {
        give_result = sem.give();
    }
}

void case_races() {
    port::irq_attach(0, race_isr);
    int won = 0, lost = 0;
    for (int from_isr = 0; from_isr < 2; ++from_isr) {
        for (Tick k = 2; k <= 6; ++k) {
            for (int d = -1; d <= 1; ++d) {
                sem.init(0, 1);
                race_timeout = k;
                race_give_after = static_cast<Tick>(static_cast<int>(k) + d);
                race_from_isr = from_isr != 0;
                wait_result = Result::invalid;
                give_result = Result::invalid;
                task_create(giver, "giver", race_giver, nullptr, 20, giver_stack);
                task_create(w1, "waiter", race_waiter, nullptr, 10, w1_stack);
                delay(k + 3);
                CHECK(give_result == Result::ok);
                bool got = wait_result == Result::ok;
                CHECK(got || wait_result == Result::timeout);
                CHECK_EQ((got ? 1 : 0) + sem.count(), 1);  // conserved
                if (d < 0) CHECK(got);
                if (d > 0) CHECK(!got);
                (got ? won : lost) += 1;
            }
        }
    }
    CHECK(won > 0 && lost > 0);
}

void ctl_main(void*) {
    case_counting();
    case_timeout();
    case_order();
    case_destroy();
    case_races();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "semaphore";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
