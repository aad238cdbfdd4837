/* Event groups, the seed's four patterns, through the C API:
 *   AND  - a logger waits until both the sensor and the radio are ready;
 *   OR   - an alarm wakes on any fault bit;
 *   NOT  - a shutdown waits until every busy bit is clear;
 *   SYNC - three workers meet at a barrier and leave together. */
#include "tern/os.h"

#define SENSOR_READY 0x01u
#define RADIO_READY 0x02u
#define FAULT_A 0x10u
#define FAULT_B 0x20u
#define BUSY_1 0x100u
#define BUSY_2 0x200u

static event_group_t flags, barrier;
static tcb_t logger_tcb, alarm_tcb, shutdown_tcb, worker_tcb[2], main_tcb;
static semaphore_t finished;

/* Creates a task from the C API's stack pool; a board with a small pool reuses the
 * stacks of tasks that have ended, so the example runs in two phases. */
static void spawn(tcb_t* tcb, const char* name, os_task_func_t fn, void* arg, uint8_t prio) {
    if (os_task_create(tcb, name, fn, arg, prio) != OS_OK) {
        os_printf("event_groups: cannot create %s\r\n", name);
        os_exit(1);
    }
}

static void logger(void* p) {
    (void)p;
    uint32_t bits = 0;
    os_event_group_wait_bits(&flags, SENSOR_READY | RADIO_READY, EVENT_WAIT_ALL, &bits,
                             OS_WAIT_FOREVER);
    os_printf("[%4u ms] AND : sensor and radio ready (bits %03x)\r\n", (unsigned)os_get_time_ms(), (unsigned)bits);
    os_semaphore_post(&finished);
}

static void alarm(void* p) {
    (void)p;
    uint32_t bits = 0;
    os_event_group_wait_bits(&flags, FAULT_A | FAULT_B, EVENT_WAIT_ANY | EVENT_CLEAR_ON_EXIT,
                             &bits, OS_WAIT_FOREVER);
    os_printf("[%4u ms] OR  : fault seen (bits %03x), fault bits cleared\r\n", (unsigned)os_get_time_ms(),
              (unsigned)bits);
    os_semaphore_post(&finished);
}

static void shutdown(void* p) {
    (void)p;
    uint32_t bits = 0;
    os_event_group_wait_bits(&flags, BUSY_1 | BUSY_2, EVENT_WAIT_ALL | EVENT_WAIT_CLEAR, &bits,
                             OS_WAIT_FOREVER);
    os_printf("[%4u ms] NOT : no job busy any more (bits %03x)\r\n", (unsigned)os_get_time_ms(), (unsigned)bits);
    os_semaphore_post(&finished);
}

static void worker(void* p) {
    uint32_t me = (uint32_t)(uintptr_t)p;
    os_task_delay_ms(10 + 15 * me); /* arrive at different times */
    os_printf("[%4u ms] SYNC: worker %u arrives\r\n", (unsigned)os_get_time_ms(), (unsigned)me);
    os_event_group_sync(&barrier, 1u << me, 0x7, NULL, OS_WAIT_FOREVER);
    os_printf("[%4u ms] SYNC: worker %u leaves the barrier\r\n", (unsigned)os_get_time_ms(),
              (unsigned)me);
    os_semaphore_post(&finished);
}

static void main_task(void* p) {
    (void)p;
    os_event_group_init(&flags);
    os_event_group_init(&barrier);
    os_semaphore_init(&finished, 0);
    /* AND, OR, NOT. */
    os_event_group_set_bits(&flags, BUSY_1 | BUSY_2);
    spawn(&logger_tcb, "logger", logger, NULL, PRIORITY_NORMAL);
    spawn(&alarm_tcb, "alarm", alarm, NULL, PRIORITY_HIGH);
    spawn(&shutdown_tcb, "shutdown", shutdown, NULL, PRIORITY_LOW);
    os_task_delay_ms(5);
    os_event_group_set_bits(&flags, SENSOR_READY);
    os_task_delay_ms(5);
    os_event_group_set_bits(&flags, RADIO_READY);
    os_task_delay_ms(5);
    os_event_group_set_bits(&flags, FAULT_B);
    os_task_delay_ms(5);
    os_event_group_clear_bits(&flags, BUSY_1);
    os_task_delay_ms(5);
    os_event_group_clear_bits(&flags, BUSY_2);
    for (int i = 0; i < 3; ++i) os_semaphore_wait(&finished, OS_WAIT_FOREVER);
    os_task_delay(1); /* let the ended tasks leave their stacks */
    /* SYNC: two workers and this task meet at the barrier. */
    for (uint32_t i = 0; i < 2; ++i) {
        spawn(&worker_tcb[i], "worker", worker, (void*)(uintptr_t)i, PRIORITY_NORMAL);
    }
    os_task_delay_ms(40);
    os_printf("[%4u ms] SYNC: worker 2 (main) arrives last\r\n", (unsigned)os_get_time_ms());
    os_event_group_sync(&barrier, 1u << 2, 0x7, NULL, OS_WAIT_FOREVER);
    os_printf("[%4u ms] SYNC: worker 2 (main) leaves the barrier\r\n", (unsigned)os_get_time_ms());
    for (int i = 0; i < 2; ++i) os_semaphore_wait(&finished, OS_WAIT_FOREVER);
    os_printf("event_groups: done\r\n");
    os_exit(0);
}

int main(void) {
    os_init();
    os_task_create(&main_tcb, "main", main_task, NULL, PRIORITY_HIGHEST);
    os_start();
    return 0;
}
