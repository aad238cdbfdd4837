/* Producer / consumer over a mutex and a condition variable (C API): a bounded buffer
 * of 4 items, a fast producer and two consumers; producers wait while it is full,
 * consumers while it is empty. */
#include "tern/os.h"

#define CAPACITY 4
#define ITEMS 12

static mutex_t lock;
static cond_var_t not_empty, not_full;
static int ring[CAPACITY];
static int head = 0, count = 0, produced = 0, consumed = 0;
static tcb_t producer_tcb, consumer_tcb[2], main_tcb;
static semaphore_t finished;

static void producer(void* p) {
    (void)p;
    for (int i = 1; i <= ITEMS; ++i) {
        os_mutex_lock(&lock, OS_WAIT_FOREVER);
        while (count == CAPACITY) {
            os_printf("[%3u ms] producer: buffer full, waiting\r\n", (unsigned)os_get_time_ms());
            os_cond_wait(&not_full, &lock, OS_WAIT_FOREVER);
        }
        ring[(head + count) % CAPACITY] = i;
        ++count;
        ++produced;
        os_cond_signal(&not_empty);
        os_mutex_unlock(&lock);
    }
    os_semaphore_post(&finished);
}

static void consumer(void* p) {
    int id = (int)(uintptr_t)p;
    for (;;) {
        os_mutex_lock(&lock, OS_WAIT_FOREVER);
        while (count == 0 && consumed < ITEMS) os_cond_wait(&not_empty, &lock, 50);
        if (consumed == ITEMS) {
            os_mutex_unlock(&lock);
            break;
        }
        int item = ring[head];
        head = (head + 1) % CAPACITY;
        --count;
        ++consumed;
        os_cond_signal(&not_full);
        os_mutex_unlock(&lock);
        os_printf("[%3u ms] consumer %d: item %d\r\n", (unsigned)os_get_time_ms(), id, item);
        os_task_delay_ms(3); /* slower than the producer */
    }
    os_semaphore_post(&finished);
}

static void main_task(void* p) {
    (void)p;
    os_mutex_init(&lock);
    os_cond_init(&not_empty);
    os_cond_init(&not_full);
    os_semaphore_init(&finished, 0);
    os_task_create(&consumer_tcb[0], "consumer0", consumer, (void*)0, PRIORITY_NORMAL);
    os_task_create(&consumer_tcb[1], "consumer1", consumer, (void*)1, PRIORITY_NORMAL);
    os_task_create(&producer_tcb, "producer", producer, NULL, PRIORITY_HIGH);
    for (int i = 0; i < 3; ++i) os_semaphore_wait(&finished, OS_WAIT_FOREVER);
    os_printf("condition_variable: produced %d, consumed %d: done\r\n", produced, consumed);
    os_exit(produced == ITEMS && consumed == ITEMS ? 0 : 1);
}

int main(void) {
    os_init();
    os_task_create(&main_tcb, "main", main_task, NULL, PRIORITY_HIGHEST);
    os_start();
    return 0;
}
