/* The seed's core header (TinyOS's include/tinyos.h), as a thin layer over tern's: code
 * written for the seed includes "tinyos.h" and builds unchanged. The kernel and sync API is
 * tern's os.h (the seed's names and meanings); the device table is tern/hal.h. This adds
 * the board services the seed's examples take for granted: the console UART and GPIO.
 * Parts that land later add their headers under tinyos/ (shell.h today). */
#ifndef TINYOS_H
#define TINYOS_H

#include <stdbool.h>
#include <stdint.h>

#include "tern/hal.h"
#include "tern/os.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The console (the device table's uart[0]): a received byte 0..255, or -1 when none is
 * waiting (it never blocks). */
int uart_getc(void);
/* Writes a NUL-terminated string to the console. */
void uart_puts(const char* s);

/* The board's GPIO (hal_platform_get()->gpio): LEDs on MPS2 boards, the SiFive and nRF51
 * pins, 32 simulated pins on the host whose changes are printed. A pin the board lacks is
 * ignored (write) or reads 0. gpio_write configures the pin as an output on first use. */
void gpio_write(uint32_t pin, bool on);
bool gpio_read(uint32_t pin);

/* The board's first LED (pin 0 of its GPIO) unless the app says otherwise. */
#ifndef LED_PIN
#define LED_PIN 0u
#endif

#ifdef __cplusplus
}
#endif
#endif /* TINYOS_H */
