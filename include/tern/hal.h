/* The board's devices, usable from C and C++: one table per board with a named slot for
 * each kind of device (the seed's hal_platform_t). A null slot means "not on this board",
 * so code asks `if (hal_platform_get()->gpio)` instead of #ifdef-ing on the board.
 *
 * Every board has a table of its own (boards/<family>/<board>/, see docs/ports.md), which
 * hal_platform_get() returns until an application registers another one, for example the
 * board's table copied with a device added on an SPI bus:
 *
 *     static hal_platform_t mine;
 *     mine = *hal_platform_get();
 *     mine.spi[0] = &my_spi;
 *     hal_platform_register(&mine);   (before os_start(), from one task at most)
 *
 * The kernel never reads this table. What the kernel needs from the hardware is the port
 * facade (include/tern/port.hpp): inline where it must be fast, linked rather than called
 * through a table. These tables are for the slower, optional devices around the core.
 *
 * Every operation is synchronous and callable from a task; which ones are also safe in an
 * interrupt handler is said per operation. Sizes, pins and block numbers are the board's.
 */
#ifndef TERN_HAL_H
#define TERN_HAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/os.h" /* os_error_t */

#ifdef __cplusplus
extern "C" {
#endif

/* The seed's members (init, putc) first. Where <stdio.h> is included its putc macro may be
 * in scope: call the member as (uart->putc)(c). */
typedef struct {
    /* Sets the line rate; the console is set up before main() and needs no call. */
    os_error_t (*init)(uint32_t baud);
    /* Writes one byte, waiting for room (ISR-safe: polls, never blocks on the kernel). */
    void (*putc)(char c);
    /* Writes all n bytes, waiting for room (ISR-safe, as putc). */
    void (*write)(const void* data, size_t n);
    /* One received byte, or -1 when none is waiting (ISR-safe). */
    int (*read_byte)(void);
} hal_uart_ops_t;

/* The board's free-running up-counter, the one benchmarks time with. The one-shot wake
 * timer behind it belongs to the port's tickless idle and is not offered here. */
typedef struct {
    uint32_t hz;
    uint32_t (*now)(void); /* ISR-safe; wraps at 2^32 */
} hal_timer_ops_t;

/* A device of fixed-size blocks (an SD card, a RAM disk, a flash translation layer). */
typedef struct {
    uint32_t block_bytes;
    uint32_t block_count;
    os_error_t (*read)(uint32_t block, void* data, uint32_t count);
    os_error_t (*write)(uint32_t block, const void* data, uint32_t count);
} hal_block_ops_t;

/* A network interface that moves whole frames. */
typedef struct {
    uint32_t mtu; /* the largest frame send() takes, in bytes */
    os_error_t (*send)(const void* frame, size_t n);
    /* The next received frame copied into buf: its length, 0 when none is waiting, or a
     * negative os_error_t (OS_ERROR_INVALID: larger than capacity, dropped). */
    int (*receive)(void* buf, size_t capacity);
} hal_net_ops_t;

typedef enum {
    HAL_PIN_INPUT,
    HAL_PIN_OUTPUT,
    HAL_PIN_INPUT_PULLUP,
    HAL_PIN_INPUT_PULLDOWN
} hal_pin_mode_t;

typedef struct {
    uint32_t pin_count;
    os_error_t (*configure)(uint32_t pin, hal_pin_mode_t mode);
    void (*write)(uint32_t pin, int high); /* ISR-safe */
    int (*read)(uint32_t pin);             /* the pin's level, 0 or 1 (ISR-safe) */
} hal_gpio_ops_t;

typedef struct {
    uintptr_t base;      /* address of the first byte, where reads are plain loads */
    uint32_t size;       /* bytes */
    uint32_t page_bytes; /* erase unit */
    os_error_t (*erase_page)(uintptr_t address);
    os_error_t (*write)(uintptr_t address, const void* data, size_t n); /* into erased bytes */
} hal_flash_ops_t;

typedef struct {
    os_error_t (*configure)(uint32_t hz, uint8_t mode); /* mode: CPOL << 1 | CPHA */
    /* Full duplex: n bytes out of tx (NULL: zeros), n bytes into rx (NULL: discarded). */
    os_error_t (*transfer)(const void* tx, void* rx, size_t n);
} hal_spi_ops_t;

typedef struct {
    os_error_t (*write)(uint8_t address, const void* data, size_t n);
    os_error_t (*read)(uint8_t address, void* data, size_t n);
} hal_i2c_ops_t;

typedef struct {
    void (*enter_sleep)(void); /* until the next interrupt, as the idle task does */
    /* Changes the core clock; NULL where the board's clock is fixed (every board today:
     * the port's tick and the board's counter are set up for one rate). */
    os_error_t (*set_clock_hz)(uint32_t hz);
    void (*reset)(void); /* the whole chip; does not return */
} hal_power_ops_t;

#define HAL_UART_MAX 4
#define HAL_SPI_MAX 4
#define HAL_I2C_MAX 4

typedef struct {
    const char* name;                       /* the board's name, as `--board` spells it */
    const hal_uart_ops_t* uart[HAL_UART_MAX]; /* uart[0] is the console */
    const hal_timer_ops_t* timer;
    const hal_block_ops_t* block;
    const hal_net_ops_t* net;
    const hal_gpio_ops_t* gpio;
    const hal_flash_ops_t* flash;
    const hal_spi_ops_t* spi[HAL_SPI_MAX];
    const hal_i2c_ops_t* i2c[HAL_I2C_MAX];
    const hal_power_ops_t* power;
} hal_platform_t;

/* Makes `platform` the table hal_platform_get() returns (NULL: the board's own again).
 * The table is not copied: it must outlive its use. */
void hal_platform_register(const hal_platform_t* platform);
/* The registered table, or the board's own: never NULL. */
const hal_platform_t* hal_platform_get(void);

#ifdef __cplusplus
}
#endif

#endif /* TERN_HAL_H */
