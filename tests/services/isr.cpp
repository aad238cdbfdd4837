// Interrupts: a give / send / set from an ISR wakes a higher-priority task at once
// (before the interrupted task runs another instruction of its own), and every call an
// ISR may not make returns wrong_context and changes nothing.
#include "check.hpp"
#include "tern/event_group.hpp"
#include "tern/memory.hpp"
#include "tern/mutex.hpp"
#include "tern/queue.hpp"
#include "tern/semaphore.hpp"
#include "tern/timer.hpp"

using namespace tern;

namespace {
Task low, high;
Stack<1536> low_stack, high_stack;
Semaphore sem;
Mutex mutex;
EventGroup events;
uint32_t qbuf[4];
Queue queue;
Timer timer;
volatile int high_stage = 0;
volatile uint32_t high_got_item = 0;

void high_main(void*) {
    CHECK(sem.take() == Result::ok);
    high_stage = 1;
    uint32_t v = 0;
    CHECK(queue.receive(&v) == Result::ok);
    high_got_item = v;
    high_stage = 2;
    CHECK(events.wait(0x5, event_all) == Result::ok);
    high_stage = 3;
}

void give_isr() { sem.give_from_isr(); }
void send_isr() {
    uint32_t v = 0xC0FFEE;
    queue.send_from_isr(&v);
}
void set_isr() { events.set_from_isr(0x5); }

// Everything an ISR may not call, called from an ISR.
Result bad[16];
int bad_n = 0;
void* isr_alloc = reinterpret_cast<void*>(1);
uint32_t isr_count_before = 0, isr_count_after = 0;
void forbidden_isr() {
    uint32_t v = 1;
    isr_count_before = sem.count();
    bad[bad_n++] = sem.give();
    bad[bad_n++] = sem.take(no_wait);
    bad[bad_n++] = mutex.lock(no_wait);
    bad[bad_n++] = mutex.unlock();
    bad[bad_n++] = queue.send(&v, no_wait);
    bad[bad_n++] = queue.receive(&v, no_wait);
    bad[bad_n++] = events.set(1);
    bad[bad_n++] = events.wait(1, event_any, nullptr, no_wait);
    bad[bad_n++] = timer.start();
    bad[bad_n++] = task_create(high, "x", high_main, nullptr, 1, high_stack);
    isr_alloc = heap_alloc(16);
    isr_count_after = sem.count();
}
void noop(void*) {}

void low_main(void*) {
    queue.init(qbuf, sizeof(uint32_t), 4);
    task_create(high, "high", high_main, nullptr, 20, high_stack);
    CHECK_EQ(high_stage, 0);  // high is blocked on the semaphore
    port::irq_attach(1, give_isr);
    port::irq_attach(2, send_isr);
    port::irq_attach(3, set_isr);
    port::irq_attach(4, forbidden_isr);
    port::irq_trigger(1);
    CHECK_EQ(high_stage, 1);  // woken and run before the trigger returned
    port::irq_trigger(2);
    CHECK_EQ(high_stage, 2);
    CHECK_EQ(high_got_item, 0xC0FFEE);
    events.set(0x1);
    CHECK_EQ(high_stage, 2);  // only half of its AND
    port::irq_trigger(3);
    CHECK_EQ(high_stage, 3);

    // The task-only calls from an ISR.
    timer.init("t", TimerKind::one_shot, 5, noop, nullptr);
    sem.init(1);
    port::irq_trigger(4);
    CHECK_EQ(bad_n, 10);
    for (int i = 0; i < bad_n; ++i) {
        if (bad[i] != Result::wrong_context) {
            CHECK_EQ(i, -1);
            print("  call %d returned %s\r\n", i, result_name(bad[i]));
        }
    }
    CHECK(isr_alloc == nullptr);
    CHECK_EQ(isr_count_before, 1);
    CHECK_EQ(isr_count_after, 1);
    CHECK_EQ(sem.count(), 1);
    CHECK_EQ(queue.count(), 0);
    CHECK(!mutex.locked());
    CHECK(!timer.active());
    // And the ISR-only calls from a task.
    uint32_t v = 0;
    CHECK(queue.send_from_isr(&v) == Result::wrong_context);
    CHECK(queue.receive_from_isr(&v) == Result::wrong_context);
    CHECK(events.set_from_isr(2) == Result::wrong_context);
    CHECK(events.clear_from_isr(1) == Result::wrong_context);
    CHECK(timer.start_from_isr() == Result::wrong_context);
    CHECK_EQ(queue.count(), 0);
    CHECK_EQ(events.get(), 0x5);  // the refused set(1) and set_from_isr(2) changed nothing
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "isr";
    task_create(low, "low", low_main, nullptr, 5, low_stack);
    start();
}
