/* @APP@: a task that counts, then ends the program (made by ./tern new; grow it from
 * here: docs/getting-started.md adds a shell command and an async task). */
#include "tern/os.h"

static tcb_t counter_tcb;

static void counter(void* param) {
    (void)param;
    for (unsigned i = 1; i <= 3; ++i) {
        os_printf("@APP@: tick %u at %u ms\r\n", i, (unsigned)os_get_time_ms());
        os_task_delay_ms(250);
    }
    os_printf("@APP@: done\r\n");
    os_exit(0);
}

int main(void) {
    os_init();
    if (os_task_create(&counter_tcb, "counter", counter, NULL, PRIORITY_NORMAL) != OS_OK) {
        os_printf("@APP@: cannot create the task\r\n");
        return 1;
    }
    os_start(); /* never returns */
    return 0;
}
