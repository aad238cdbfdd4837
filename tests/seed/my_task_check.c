/* Test scaffolding for the seed's my_task example (examples/seed/my_task.c, verbatim): the
 * image is linked with --wrap=os_start, so this checker task is created just before the
 * example's os_start() runs. It samples the example's task for half a second: it must exist,
 * have run (its stack was used) and be waiting in its 100 ms delay each time. */
#include "tinyos.h"

void __real_os_start(void);

static tcb_t checker_tcb;

static void checker(void* param) {
    (void)param;
    int failures = 0;
    for (int i = 0; i < 5; ++i) {
        os_task_delay_ms(110);
        tcb_t* t = os_task_find_by_name("my_task");
        task_stats_t st;
        if (t == NULL || os_task_get_stats(t, &st) != OS_OK) {
            os_printf("FAIL: no task my_task\r\n");
            os_exit(1);
        }
        if (st.state != TASK_BLOCKED || st.stack_high_water == 0) {
            os_printf("FAIL: my_task state %d, stack used %u\r\n", (int)st.state,
                      (unsigned)st.stack_high_water);
            ++failures;
        }
    }
    os_printf(failures == 0 ? "PASS seed my_task\r\n" : "FAIL seed my_task\r\n");
    os_exit(failures == 0 ? 0 : 1);
}

void __wrap_os_start(void) {
    if (os_task_create(&checker_tcb, "checker", checker, NULL, PRIORITY_LOW) != OS_OK) {
        os_printf("FAIL: cannot create the checker\r\n");
        os_exit(1);
    }
    __real_os_start();
}
