/* The seed's way of describing a board, from C (include/tern/hal.h): op-tables and a
 * platform table made with designated initialisers, the slots not named left absent,
 * registered before use and read back through hal_platform_get(). */
#include <stddef.h>

#include "tern/hal.h"

static unsigned bytes_sent;
static uint32_t clock_hz = 16000000;

static os_error_t my_init(uint32_t baud) { return baud == 0 ? OS_ERROR_INVALID : OS_OK; }
static void my_putc(char c) {
    (void)c;
    ++bytes_sent;
}
static void my_write(const void* data, size_t n) {
    (void)data;
    bytes_sent += (unsigned)n;
}
static int my_read_byte(void) { return -1; }
static void my_sleep(void) {}
static os_error_t my_set_clock_hz(uint32_t hz) {
    if (hz == 0) return OS_ERROR_INVALID;
    clock_hz = hz;
    return OS_OK;
}
static void my_reset(void) {
    for (;;) {
    }
}

static const hal_uart_ops_t my_uart = {.init = my_init, .putc = my_putc, .write = my_write,
                                       .read_byte = my_read_byte};
static const hal_power_ops_t my_power = {.enter_sleep = my_sleep,
                                         .set_clock_hz = my_set_clock_hz, .reset = my_reset};
static const hal_platform_t board = {
    .name = "seed",
    .uart[0] = &my_uart,
    .power = &my_power,
};

/* 0 when the seed's table goes in and comes out as hal.h says; else a bit per failure. */
int hal_seed_check(void) {
    const hal_platform_t* before = hal_platform_get();
    int failed = 0;
    hal_platform_register(&board);
    const hal_platform_t* p = hal_platform_get();
    if (p != &board) return 1;
    if (p->uart[1] != NULL || p->timer != NULL || p->gpio != NULL || p->flash != NULL ||
        p->spi[0] != NULL || p->i2c[3] != NULL || p->block != NULL || p->net != NULL)
        failed |= 2; /* what the seed's table does not name is absent */
    (p->uart[0]->putc)('x');
    p->uart[0]->write("ab", 2);
    if (bytes_sent != 3) failed |= 4;
    if (p->uart[0]->init(0) != OS_ERROR_INVALID || p->uart[0]->init(115200) != OS_OK)
        failed |= 8;
    if (p->power->set_clock_hz(8000000) != OS_OK || clock_hz != 8000000) failed |= 16;
    hal_platform_register(NULL);
    if (hal_platform_get() != before) failed |= 32;
    return failed;
}
