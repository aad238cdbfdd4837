/* The seed's C API, compiled by a C compiler: tasks, mutex + condition variable
 * (producer/consumer), semaphores, queues, event groups (wait + sync), timers, heap,
 * pools and statistics, with the seed's names and argument orders. */
#include <string.h>

#include "tern/os.h"

static int failures = 0;
#define EXPECT(cond)                                                    \
    do {                                                                \
        if (!(cond)) {                                                  \
            ++failures;                                                 \
            os_printf("FAIL %s:%d: %s\r\n", __FILE__, __LINE__, #cond); \
        }                                                               \
    } while (0)

static tcb_t main_tcb, producer_tcb, consumer_tcb, sync_tcb;
static mutex_t lock;
static cond_var_t not_empty;
static semaphore_t done;
static queue_t queue;
static uint32_t queue_buf[4];
static event_group_t events;
static os_timer_t timer;
static volatile uint32_t timer_fires = 0;

static int buffer[4];
static int count = 0;
static int consumed_sum = 0;

static void producer(void* param) {
    (void)param;
    for (int i = 1; i <= 20; ++i) {
        os_mutex_lock(&lock, OS_WAIT_FOREVER);
        while (count == 4) {
            os_mutex_unlock(&lock);
            os_task_delay(1);
            os_mutex_lock(&lock, OS_WAIT_FOREVER);
        }
        buffer[count++] = i;
        os_cond_signal(&not_empty);
        os_mutex_unlock(&lock);
        if (i % 3 == 0) os_task_delay_ms(2);
    }
    os_semaphore_post(&done);
}

static void consumer(void* param) {
    (void)param;
    for (int n = 0; n < 20; ++n) {
        os_mutex_lock(&lock, OS_WAIT_FOREVER);
        while (count == 0) EXPECT(os_cond_wait(&not_empty, &lock, 1000) == OS_OK);
        consumed_sum += buffer[0];
        memmove(buffer, buffer + 1, sizeof buffer[0] * (size_t)(count - 1));
        --count;
        os_mutex_unlock(&lock);
    }
    os_semaphore_post(&done);
}

static void syncer(void* param) {
    uint32_t bits = 0;
    EXPECT(os_event_group_sync(&events, (uint32_t)(uintptr_t)param, 0x3, &bits, 500) == OS_OK);
    os_semaphore_post(&done);
}

static void on_timer(void* param) {
    (void)param;
    ++timer_fires;
}

static void main_task(void* param) {
    (void)param;
    /* Producer / consumer over a mutex and a condition variable. */
    EXPECT(os_mutex_init(&lock) == OS_OK);
    EXPECT(os_cond_init(&not_empty) == OS_OK);
    EXPECT(os_semaphore_init(&done, 0) == OS_OK);
    EXPECT(os_task_create(&consumer_tcb, "consumer", consumer, NULL, PRIORITY_NORMAL) == OS_OK);
    EXPECT(os_task_create(&producer_tcb, "producer", producer, NULL, PRIORITY_LOW) == OS_OK);
    EXPECT(os_task_find_by_name("consumer") == &consumer_tcb);
    EXPECT(os_task_find_by_name("nobody") == NULL);
    EXPECT(os_semaphore_wait(&done, 5000) == OS_OK);
    EXPECT(os_semaphore_wait(&done, 5000) == OS_OK);
    EXPECT(consumed_sum == 210);
    EXPECT(os_semaphore_wait(&done, OS_NO_WAIT) == OS_ERROR_WOULD_BLOCK);
    uint32_t t0 = os_get_tick_count();
    EXPECT(os_semaphore_wait(&done, 10) == OS_ERROR_TIMEOUT);
    EXPECT(os_get_tick_count() - t0 >= 10);
    EXPECT(os_mutex_unlock(&lock) == OS_ERROR_INVALID); /* not the owner */

    /* Queues. */
    EXPECT(os_queue_init(&queue, queue_buf, sizeof(uint32_t), 4) == OS_OK);
    for (uint32_t i = 0; i < 4; ++i) EXPECT(os_queue_send(&queue, &i, OS_NO_WAIT) == OS_OK);
    uint32_t v = 99;
    EXPECT(os_queue_send(&queue, &v, OS_NO_WAIT) == OS_ERROR_WOULD_BLOCK);
    EXPECT(os_queue_peek(&queue, &v, OS_NO_WAIT) == OS_OK && v == 0);
    for (uint32_t i = 0; i < 4; ++i) EXPECT(os_queue_receive(&queue, &v, 0) == OS_OK && v == i);
    EXPECT(os_queue_receive(&queue, &v, 5) == OS_ERROR_TIMEOUT);
    EXPECT(os_queue_send_from_isr(&queue, &v) == OS_ERROR_WRONG_CONTEXT);

    /* Event groups: AND / OR / NOT and the SYNC barrier. */
    EXPECT(os_event_group_init(&events) == OS_OK);
    uint32_t bits = 0;
    os_event_group_set_bits(&events, 0x5);
    EXPECT(os_event_group_wait_bits(&events, 0x5, EVENT_WAIT_ALL, &bits, 0) == OS_OK);
    EXPECT(os_event_group_wait_bits(&events, 0x3, EVENT_WAIT_ALL, &bits, 0) == OS_ERROR_WOULD_BLOCK);
    EXPECT(os_event_group_wait_bits(&events, 0x3, EVENT_WAIT_ANY | EVENT_CLEAR_ON_EXIT, &bits, 0) == OS_OK);
    EXPECT(os_event_group_get_bits(&events) == 0x4);
    EXPECT(os_event_group_wait_bits(&events, 0x3, EVENT_WAIT_ALL | EVENT_WAIT_CLEAR, &bits, 0) == OS_OK);
    os_event_group_clear_bits(&events, 0xFF);
    EXPECT(os_task_create(&sync_tcb, "sync", syncer, (void*)(uintptr_t)0x1, PRIORITY_HIGH) == OS_OK);
    os_task_delay(3);
    EXPECT(os_event_group_sync(&events, 0x2, 0x3, &bits, 100) == OS_OK);
    EXPECT(os_semaphore_wait(&done, 100) == OS_OK);
    EXPECT(os_event_group_get_bits(&events) == 0);

    /* Timers. */
    EXPECT(os_timer_create(&timer, "tick", TIMER_AUTO_RELOAD, 10, on_timer, NULL) == OS_OK);
    EXPECT(os_timer_start(&timer) == OS_OK);
    EXPECT(os_timer_get_remaining_ms(&timer) == 10);
    os_task_delay_ms(55);
    EXPECT(timer_fires == 5);
    EXPECT(os_timer_change_period(&timer, 20) == OS_OK);
    os_task_delay_ms(45);
    EXPECT(timer_fires == 7);
    EXPECT(os_timer_stop(&timer) == OS_OK);
    EXPECT(!os_timer_is_active(&timer));

    /* Memory. */
    void* p = os_malloc(100);
    EXPECT(p != NULL && ((uintptr_t)p & 7) == 0);
    uint32_t free_b = 0, used_b = 0, allocs = 0, frees = 0;
    os_get_memory_stats(&free_b, &used_b, &allocs, &frees);
    EXPECT(used_b >= 100 && allocs == 1 && frees == 0);
    os_free(p);
    EXPECT(os_heap_check());
    os_get_memory_stats(&free_b, &used_b, &allocs, &frees);
    EXPECT(used_b == 0 && frees == 1);
    static uint8_t pool_buf[OS_POOL_BYTES(32, 4)] __attribute__((aligned(8)));
    static os_pool_t pool;
    EXPECT(os_pool_init(&pool, pool_buf, 32, 4) == OS_OK);
    void* b = os_pool_alloc(&pool);
    EXPECT(b != NULL && os_pool_available(&pool) == 3);
    EXPECT(os_pool_free(&pool, b) == OS_OK);
    EXPECT(os_pool_free(&pool, b) == OS_ERROR_INVALID);  /* double free: refused */
    EXPECT(os_pool_available(&pool) == 4);

    /* Statistics and priorities. */
    task_stats_t st;
    EXPECT(os_task_get_stats(NULL, &st) == OS_OK);
    EXPECT(strcmp(st.name, "main") == 0 && st.priority == PRIORITY_HIGH + 1);
    EXPECT(st.state == TASK_READY);
    EXPECT(os_task_set_priority(NULL, PRIORITY_HIGH + 2) == OS_OK);
    EXPECT(os_task_get_priority(NULL) == PRIORITY_HIGH + 2);
    uint32_t n = 0;
    while (os_task_get_stats_by_index(n, &st) == OS_OK) ++n;
    system_stats_t sys;
    os_get_system_stats(&sys);
    EXPECT(sys.task_count == n);
    EXPECT(sys.context_switches > 0);
    /* Pool stacks are reused once their tasks are gone. */
    EXPECT(os_task_create(&producer_tcb, "again", consumer, NULL, PRIORITY_LOW) == OS_OK);
    EXPECT(os_task_delete(&producer_tcb) == OS_OK);

    if (failures == 0) {
        os_printf("PASS c_api\r\n");
        os_exit(0);
    }
    os_printf("FAILED c_api: %d failure(s)\r\n", failures);
    os_exit(1);
}

int main(void) {
    os_init();
    os_task_create(&main_tcb, "main", main_task, NULL, PRIORITY_HIGH + 1);
    os_start();
    return 0;
}
