// The seed's C API misused (issue 21, "done when"): calls before os_start(), NULL handles,
// double unlock, unlock by a non-owner, delete of a running or deleted task, objects used
// after delete, re-initialising objects that tasks wait on (item 3) and task-only calls
// from an interrupt (item 4). Every call must be answered by its error code and change
// nothing, and at the end no task of the test may be left blocked.
#include <string.h>

#include "check.hpp"
#include "tern/config_services.hpp"
#include "tern/os.h"
#include "tern/task.hpp"

using namespace tern;

namespace {

tcb_t main_tcb, waiters[5], spinner_tcb, self_deleter_tcb, unlocker_tcb, never_tcb;
tern::Stack<tern::config::os_stack_bytes> main_stack;  // as a pool stack, sized for the port
mutex_t mutex, held;
semaphore_t sem, binary;
cond_var_t cond;
event_group_t events;
queue_t queue;
uint32_t queue_buf[4];
os_timer_t timer;
os_pool_t pool;
uint32_t pool_buf[OS_POOL_BYTES(8, 2) / sizeof(uint32_t)];
volatile uint32_t timer_fires = 0;

// What each waiter's call returned (1 = still waiting).
volatile int waiter_result[5] = {1, 1, 1, 1, 1};

void count_fire(void*) { timer_fires = timer_fires + 1; }
void nothing(void*) {}

// ---- before os_start() -------------------------------------------------------------

void before_start() {
    CHECK_EQ(os_task_delay(1), OS_ERROR_WRONG_CONTEXT);  // issue 21 item 4: it faulted
    CHECK_EQ(os_task_delay(0), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_task_delay_ms(5), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_task_yield(), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_task_delete(nullptr), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_task_suspend(nullptr), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_task_set_priority(nullptr, 5), OS_ERROR_WRONG_CONTEXT);
    CHECK(os_task_self() == nullptr);
    CHECK_EQ(os_task_get_priority(nullptr), 0);
    task_stats_t st;
    CHECK_EQ(os_task_get_stats(nullptr, &st), OS_ERROR_INVALID);

    CHECK_EQ(os_mutex_init(&mutex), OS_OK);
    CHECK_EQ(os_mutex_lock(&mutex, OS_NO_WAIT), OS_ERROR_WRONG_CONTEXT);  // no task to own it
    CHECK_EQ(os_mutex_lock(&mutex, OS_WAIT_FOREVER), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_mutex_unlock(&mutex), OS_ERROR_WRONG_CONTEXT);

    CHECK_EQ(os_semaphore_init(&sem, 0), OS_OK);
    CHECK_EQ(os_semaphore_wait(&sem, OS_WAIT_FOREVER), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_semaphore_wait(&sem, 10), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_semaphore_wait(&sem, OS_NO_WAIT), OS_ERROR_WOULD_BLOCK);  // a poll is fine
    CHECK_EQ(os_semaphore_post(&sem), OS_OK);
    CHECK_EQ(os_semaphore_wait(&sem, OS_NO_WAIT), OS_OK);
    CHECK_EQ(os_semaphore_post_from_isr(&sem), OS_ERROR_WRONG_CONTEXT);

    CHECK_EQ(os_cond_init(&cond), OS_OK);
    CHECK_EQ(os_cond_wait(&cond, &mutex, OS_WAIT_FOREVER), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_cond_signal(&cond), OS_OK);

    uint32_t v = 7, out = 0;
    CHECK_EQ(os_queue_init(&queue, queue_buf, sizeof(uint32_t), 4), OS_OK);
    CHECK_EQ(os_queue_receive(&queue, &out, OS_WAIT_FOREVER), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_queue_send(&queue, &v, OS_NO_WAIT), OS_OK);
    CHECK_EQ(os_queue_receive(&queue, &out, OS_WAIT_FOREVER), OS_OK);  // there: no wait
    CHECK_EQ(out, 7);
    CHECK_EQ(os_queue_send_from_isr(&queue, &v), OS_ERROR_WRONG_CONTEXT);

    CHECK_EQ(os_event_group_init(&events), OS_OK);
    CHECK_EQ(os_event_group_wait_bits(&events, 1, EVENT_WAIT_ANY, nullptr, OS_WAIT_FOREVER),
             OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_event_group_sync(&events, 1, 3, nullptr, OS_WAIT_FOREVER), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_event_group_set_bits_from_isr(&events, 1), OS_ERROR_WRONG_CONTEXT);
    CHECK_EQ(os_event_group_get_bits(&events), 0);  // the sync's set was refused with it
}

// ---- NULL handles and bad arguments ----------------------------------------------------

void null_handles() {
    uint32_t v = 0;
    task_stats_t st;
    CHECK_EQ(os_task_create(nullptr, "x", nothing, nullptr, 5), OS_ERROR_INVALID);
    CHECK_EQ(os_task_create(&never_tcb, "x", nullptr, nullptr, 5), OS_ERROR_INVALID);
    CHECK_EQ(os_task_create_static(&never_tcb, "x", nothing, nullptr, 5, nullptr, 1024),
             OS_ERROR_INVALID);
    CHECK_EQ(os_task_create_static(&never_tcb, "x", nothing, nullptr, 5, pool_buf, 8),
             OS_ERROR_INVALID);
    CHECK_EQ(os_task_create(&main_tcb, "again", nothing, nullptr, 5), OS_ERROR_INVALID);  // live
    CHECK_EQ(os_task_resume(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_task_get_stats(&main_tcb, nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_task_get_stats_by_index(1000, &st), OS_ERROR_INVALID);
    CHECK(os_task_find_by_name(nullptr) == nullptr);
    CHECK(os_task_find_by_name("no such task") == nullptr);
    os_get_system_stats(nullptr);
    CHECK_EQ(os_mutex_init(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_init_recursive(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_lock(nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_unlock(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_delete(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_init(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_wait(nullptr, &mutex, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_wait(&cond, nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_signal(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_broadcast(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_delete(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_init(nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_init_max(&binary, 2, 1), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_init_max(&binary, 0, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_wait(nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_post(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_post_from_isr(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_get_count(nullptr), 0);
    CHECK_EQ(os_semaphore_delete(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_init(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_set_bits(nullptr, 1), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_set_bits_from_isr(nullptr, 1), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_clear_bits(nullptr, 1), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_get_bits(nullptr), 0);
    CHECK_EQ(os_event_group_wait_bits(nullptr, 1, 0, nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_sync(nullptr, 1, 1, nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_delete(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_init(nullptr, queue_buf, 4, 4), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_send(nullptr, &v, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_send(&queue, nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_send_to_front(nullptr, &v, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_receive(nullptr, &v, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_receive(&queue, nullptr, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_peek(nullptr, &v, 0), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_send_from_isr(nullptr, &v), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_receive_from_isr(nullptr, &v), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_count(nullptr), 0);
    CHECK_EQ(os_queue_delete(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_create(nullptr, "t", TIMER_ONE_SHOT, 5, count_fire, nullptr),
             OS_ERROR_INVALID);
    CHECK_EQ(os_timer_create(&timer, "t", TIMER_ONE_SHOT, 5, nullptr, nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_create(&timer, "t", TIMER_ONE_SHOT, 0, count_fire, nullptr),
             OS_ERROR_INVALID);
    CHECK_EQ(os_timer_create(&timer, "t", static_cast<os_timer_type_t>(9), 5, count_fire, nullptr),
             OS_ERROR_INVALID);
    CHECK_EQ(os_timer_start(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_start_from_isr(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_stop(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_reset(nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_change_period(nullptr, 5), OS_ERROR_INVALID);
    CHECK_EQ(os_timer_get_remaining_ms(nullptr), 0);
    CHECK_EQ(os_timer_is_active(nullptr), 0);
    os_free(nullptr);
    os_free(&v);  // not the heap's: ignored
    CHECK_EQ(os_heap_check(), 1);
    os_get_heap_stats(nullptr);
    os_get_memory_stats(nullptr, nullptr, nullptr, nullptr);
    CHECK_EQ(os_pool_init(nullptr, pool_buf, 8, 2), OS_ERROR_INVALID);
    CHECK_EQ(os_pool_init(&pool, nullptr, 8, 2), OS_ERROR_INVALID);
    CHECK(os_pool_alloc(nullptr) == nullptr);
    CHECK_EQ(os_pool_free(nullptr, pool_buf), OS_ERROR_INVALID);
    CHECK_EQ(os_pool_available(nullptr), 0);
    CHECK_EQ(os_pool_init(&pool, pool_buf, 8, 2), OS_OK);
    void* a = os_pool_alloc(&pool);
    CHECK(a != nullptr);
    CHECK_EQ(os_pool_free(&pool, nullptr), OS_ERROR_INVALID);
    CHECK_EQ(os_pool_free(&pool, &v), OS_ERROR_INVALID);  // not the pool's
    CHECK_EQ(os_pool_free(&pool, a), OS_OK);
    CHECK_EQ(os_pool_free(&pool, a), OS_ERROR_INVALID);  // double free
    CHECK_EQ(os_pool_available(&pool), 2);
}

// ---- mutexes: double unlock, unlock by a non-owner, relock ----------------------------

volatile int unlocker_result = 1;
void unlocker(void*) { unlocker_result = os_mutex_unlock(&held); }

void mutex_misuse() {
    CHECK_EQ(os_mutex_init(&held), OS_OK);
    CHECK_EQ(os_mutex_lock(&held, OS_WAIT_FOREVER), OS_OK);
    CHECK_EQ(os_mutex_lock(&held, OS_NO_WAIT), OS_ERROR_INVALID);  // not recursive
    CHECK_EQ(os_task_create(&unlocker_tcb, "unlocker", unlocker, nullptr, PRIORITY_HIGHEST),
             OS_OK);
    CHECK_EQ(unlocker_result, OS_ERROR_INVALID);  // not the owner: the mutex stays ours
    CHECK_EQ(os_mutex_unlock(&held), OS_OK);
    CHECK_EQ(os_mutex_unlock(&held), OS_ERROR_INVALID);  // double unlock
    CHECK_EQ(os_mutex_delete(&held), OS_OK);
    CHECK_EQ(os_mutex_delete(&held), OS_ERROR_INVALID);  // deleted twice
    CHECK_EQ(os_mutex_lock(&held, OS_NO_WAIT), OS_ERROR_INVALID);  // used after delete
    CHECK_EQ(os_mutex_unlock(&held), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_init(&held), OS_OK);  // and usable again once re-initialised
    CHECK_EQ(os_mutex_lock(&held, OS_NO_WAIT), OS_OK);
    CHECK_EQ(os_mutex_unlock(&held), OS_OK);

    CHECK_EQ(os_semaphore_init_max(&binary, 1, 1), OS_OK);
    CHECK_EQ(os_semaphore_post(&binary), OS_ERROR_WOULD_BLOCK);  // already at its maximum
    CHECK_EQ(os_semaphore_delete(&binary), OS_OK);
    CHECK_EQ(os_semaphore_delete(&binary), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_wait(&binary, OS_WAIT_FOREVER), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_post(&binary), OS_ERROR_INVALID);
    uint32_t v = 1;
    queue_t q2;
    CHECK_EQ(os_queue_init(&q2, queue_buf, sizeof v, 4), OS_OK);
    CHECK_EQ(os_queue_delete(&q2), OS_OK);
    CHECK_EQ(os_queue_delete(&q2), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_send(&q2, &v, OS_WAIT_FOREVER), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_receive(&q2, &v, OS_WAIT_FOREVER), OS_ERROR_INVALID);
}

// ---- tasks: delete of a running, a deleted and the idle task --------------------------

volatile uint32_t spins = 0;
void spinner(void*) {
    for (;;) {
        spins = spins + 1;
        os_task_yield();
    }
}
volatile int self_delete_returned = 0;
void self_deleter(void*) {
    os_task_delete(nullptr);
    self_delete_returned = 1;  // never reached
}

void task_misuse() {
    // The spinner runs at our priority, so it runs whenever we yield: a running task.
    CHECK_EQ(os_task_create(&spinner_tcb, "spinner", spinner, nullptr, PRIORITY_HIGH), OS_OK);
    os_task_yield();
    os_task_yield();
    CHECK(spins > 0);
    CHECK_EQ(os_task_delete(&spinner_tcb), OS_OK);
    uint32_t after = spins;
    os_task_yield();
    os_task_delay(2);
    CHECK_EQ(spins, after);  // it never ran again
    CHECK_EQ(os_task_delete(&spinner_tcb), OS_ERROR_INVALID);  // deleted twice
    CHECK_EQ(os_task_suspend(&spinner_tcb), OS_ERROR_INVALID);
    CHECK_EQ(os_task_resume(&spinner_tcb), OS_ERROR_INVALID);
    CHECK_EQ(os_task_set_priority(&spinner_tcb, 9), OS_ERROR_INVALID);
    task_stats_t st;
    CHECK_EQ(os_task_get_stats(&spinner_tcb, &st), OS_ERROR_INVALID);
    CHECK_EQ(os_task_delete(&never_tcb), OS_ERROR_INVALID);  // never created
    tcb_t* idle = os_task_find_by_name("idle");
    CHECK(idle != nullptr);
    CHECK_EQ(os_task_delete(idle), OS_ERROR_INVALID);
    CHECK_EQ(os_task_suspend(idle), OS_ERROR_INVALID);
    CHECK_EQ(os_task_create(&self_deleter_tcb, "selfdel", self_deleter, nullptr, PRIORITY_HIGHEST),
             OS_OK);
    CHECK_EQ(self_delete_returned, 0);
    CHECK_EQ(os_task_delete(&self_deleter_tcb), OS_ERROR_INVALID);  // it is gone
    CHECK_EQ(os_start(), OS_ERROR_WRONG_CONTEXT);                   // already started
}

// ---- re-initialising objects that tasks wait on (issue 21 item 3) ---------------------

void wait_sem(void*) { waiter_result[0] = os_semaphore_wait(&sem, OS_WAIT_FOREVER); }
void wait_mutex(void*) {
    waiter_result[1] = os_mutex_lock(&mutex, OS_WAIT_FOREVER);
    if (waiter_result[1] == OS_OK) os_mutex_unlock(&mutex);
}
void wait_queue(void*) {
    uint32_t v = 0;
    waiter_result[2] = os_queue_receive(&queue, &v, OS_WAIT_FOREVER);
}
void wait_events(void*) {
    waiter_result[3] = os_event_group_wait_bits(&events, 4, EVENT_WAIT_ANY, nullptr,
                                                OS_WAIT_FOREVER);
}
void wait_cond(void*) {
    os_mutex_lock(&held, OS_WAIT_FOREVER);
    waiter_result[4] = os_cond_wait(&cond, &held, OS_WAIT_FOREVER);
    os_mutex_unlock(&held);
}

bool blocked(tcb_t* t) {
    task_stats_t st;
    return os_task_get_stats(t, &st) == OS_OK && st.state == TASK_BLOCKED;
}

void reinit_with_waiters() {
    CHECK_EQ(os_semaphore_get_count(&sem), 0);
    CHECK_EQ(os_mutex_lock(&mutex, OS_WAIT_FOREVER), OS_OK);
    os_task_func_t fns[5] = {wait_sem, wait_mutex, wait_queue, wait_events, wait_cond};
    const char* names[5] = {"w_sem", "w_mutex", "w_queue", "w_events", "w_cond"};
    for (int i = 0; i < 5; ++i)
        CHECK_EQ(os_task_create(&waiters[i], names[i], fns[i], nullptr, PRIORITY_HIGHEST), OS_OK);
    // The mutex's waiter lends us its priority, so the others run when we sleep.
    os_task_delay(1);
    for (int i = 0; i < 5; ++i) CHECK(blocked(&waiters[i]));

    // Refused, changing nothing: each waiter is still blocked on the same object.
    CHECK_EQ(os_semaphore_init(&sem, 3), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_init_max(&sem, 1, 1), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_init(&mutex), OS_ERROR_INVALID);
    CHECK_EQ(os_mutex_init_recursive(&mutex), OS_ERROR_INVALID);
    CHECK_EQ(os_queue_init(&queue, queue_buf, sizeof(uint32_t), 2), OS_ERROR_INVALID);
    CHECK_EQ(os_event_group_init(&events), OS_ERROR_INVALID);
    CHECK_EQ(os_cond_init(&cond), OS_ERROR_INVALID);
    CHECK_EQ(os_semaphore_get_count(&sem), 0);
    for (int i = 0; i < 5; ++i) CHECK(blocked(&waiters[i]));
    for (int i = 0; i < 5; ++i) CHECK_EQ(waiter_result[i], 1);

    // The objects still work: each waiter is released the ordinary way.
    CHECK_EQ(os_semaphore_post(&sem), OS_OK);
    os_task_delay(1);
    CHECK_EQ(waiter_result[0], OS_OK);
    CHECK_EQ(os_mutex_unlock(&mutex), OS_OK);
    CHECK_EQ(waiter_result[1], OS_OK);
    CHECK_EQ(os_event_group_set_bits(&events, 4), OS_OK);
    os_task_delay(1);
    CHECK_EQ(waiter_result[3], OS_OK);
    // Or by deleting the object: its waiters wake with OS_ERROR_DELETED, then init works.
    CHECK_EQ(os_queue_delete(&queue), OS_OK);
    os_task_delay(1);
    CHECK_EQ(waiter_result[2], OS_ERROR_DELETED);
    CHECK_EQ(os_cond_delete(&cond), OS_OK);
    os_task_delay(1);
    CHECK_EQ(waiter_result[4], OS_ERROR_DELETED);
    CHECK_EQ(os_queue_init(&queue, queue_buf, sizeof(uint32_t), 4), OS_OK);
    CHECK_EQ(os_cond_init(&cond), OS_OK);
    CHECK_EQ(os_semaphore_init(&sem, 0), OS_OK);  // nobody waits now
    CHECK_EQ(os_mutex_init(&mutex), OS_OK);

    // A running timer created again is stopped first: it never fires.
    CHECK_EQ(os_timer_create(&timer, "t", TIMER_AUTO_RELOAD, 2, count_fire, nullptr), OS_OK);
    CHECK_EQ(os_timer_start(&timer), OS_OK);
    os_task_delay_ms(5);
    CHECK(timer_fires > 0);
    CHECK_EQ(os_timer_create(&timer, "t", TIMER_ONE_SHOT, 2, count_fire, nullptr), OS_OK);
    CHECK_EQ(os_timer_is_active(&timer), 0);
    uint32_t fires = timer_fires;
    os_task_delay_ms(10);
    CHECK_EQ(timer_fires, fires);
}

// ---- from an interrupt -----------------------------------------------------------------

constexpr int kIsrCalls = 40;
int isr_results[kIsrCalls];
int isr_n = 0;
void* isr_malloc = reinterpret_cast<void*>(1);
int isr_post_from_isr = 1;
mutex_t isr_mutex;
void from_isr() {
    uint32_t v = 1;
    int* r = isr_results;
    int n = 0;
    r[n++] = os_task_delay(1);
    r[n++] = os_task_delay(0);
    r[n++] = os_task_delay_ms(1);
    r[n++] = os_task_yield();
    r[n++] = os_task_delete(nullptr);  // the interrupted (running) task
    r[n++] = os_task_delete(&main_tcb);
    r[n++] = os_task_suspend(nullptr);
    r[n++] = os_task_suspend(&main_tcb);
    r[n++] = os_task_resume(&main_tcb);
    r[n++] = os_task_set_priority(&main_tcb, 3);
    r[n++] = os_task_create(&never_tcb, "x", nothing, nullptr, 5);
    r[n++] = os_mutex_init(&isr_mutex);
    r[n++] = os_mutex_init_recursive(&isr_mutex);
    r[n++] = os_mutex_lock(&mutex, OS_NO_WAIT);
    r[n++] = os_mutex_unlock(&mutex);
    r[n++] = os_mutex_delete(&mutex);
    r[n++] = os_semaphore_init(&binary, 0);
    r[n++] = os_semaphore_wait(&sem, OS_NO_WAIT);
    r[n++] = os_semaphore_post(&sem);
    r[n++] = os_semaphore_delete(&sem);
    r[n++] = os_cond_init(&cond);
    r[n++] = os_cond_wait(&cond, &mutex, 0);
    r[n++] = os_cond_signal(&cond);
    r[n++] = os_queue_init(&queue, queue_buf, 4, 4);
    r[n++] = os_queue_send(&queue, &v, OS_NO_WAIT);
    r[n++] = os_queue_receive(&queue, &v, OS_NO_WAIT);
    r[n++] = os_event_group_init(&events);
    r[n++] = os_event_group_set_bits(&events, 1);
    r[n++] = os_event_group_wait_bits(&events, 1, 0, nullptr, OS_NO_WAIT);
    r[n++] = os_timer_create(&timer, "t", TIMER_ONE_SHOT, 5, count_fire, nullptr);
    r[n++] = os_timer_start(&timer);
    r[n++] = os_timer_stop(&timer);
    r[n++] = os_pool_init(&pool, pool_buf, 8, 2);
    r[n++] = os_start();
    isr_n = n;
    isr_malloc = os_malloc(16);
    isr_post_from_isr = os_semaphore_post_from_isr(&sem);  // allowed here
}

void interrupt_misuse() {
    CHECK_EQ(os_in_isr(), 0);
    port::irq_attach(5, from_isr);
    port::irq_trigger(5);
    CHECK_EQ(isr_n, 34);
    for (int i = 0; i < isr_n; ++i) {
        if (isr_results[i] != OS_ERROR_WRONG_CONTEXT) {
            CHECK_EQ(i, -1);
            print("  ISR call %d returned %d\r\n", i, isr_results[i]);
        }
    }
    CHECK(isr_malloc == nullptr);
    CHECK_EQ(isr_post_from_isr, OS_OK);
    CHECK_EQ(os_semaphore_get_count(&sem), 1);  // only the _from_isr post counted
    CHECK_EQ(os_semaphore_wait(&sem, OS_NO_WAIT), OS_OK);
    CHECK_EQ(os_mutex_lock(&mutex, OS_NO_WAIT), OS_OK);  // the refused calls changed nothing
    CHECK_EQ(os_mutex_unlock(&mutex), OS_OK);
    CHECK_EQ(os_queue_count(&queue), 0);
    CHECK_EQ(os_event_group_get_bits(&events), 4);  // the waiter's bit; the ISR's set refused
    CHECK_EQ(os_timer_is_active(&timer), 0);
    CHECK_EQ(os_pool_available(&pool), 2);
    CHECK_EQ(os_task_get_priority(&main_tcb), PRIORITY_HIGH);
}

// ---- nothing left blocked ---------------------------------------------------------------

void nothing_left_blocked() {
    os_task_delay(2);  // let every released task finish
    task_stats_t st;
    int ours = 0;
    for (uint32_t i = 0; os_task_get_stats_by_index(i, &st) == OS_OK; ++i) {
        // The timer service waits for work by design; every other task is ours.
        if (strcmp(st.name, "timers") == 0 || strcmp(st.name, "idle") == 0) continue;
        if (strcmp(st.name, "main") == 0) continue;
        ++ours;
        print("  left: %s (%s)\r\n", st.name, os_task_state_name(st.state));
    }
    CHECK_EQ(ours, 0);
}

void main_task(void*) {
    null_handles();
    mutex_misuse();
    task_misuse();
    reinit_with_waiters();
    interrupt_misuse();
    nothing_left_blocked();
    test::finish();
}

}  // namespace

int main() {
    test::test_name = "c_api_misuse";
    before_start();
    // The test's own task has its own stack, so that the five waiters of
    // reinit_with_waiters() fit the C API's pool on every board (sifive_e's holds five).
    CHECK_EQ(os_task_create_static(&main_tcb, "main", main_task, nullptr, PRIORITY_HIGH,
                                   main_stack.data(), main_stack.size()),
             OS_OK);
    os_start();
}
