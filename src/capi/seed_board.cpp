// The board services of the seed's tinyos.h (console UART, GPIO) over the device table.
#include <string.h>

#include "tinyos.h"

extern "C" {

int uart_getc(void) {
    const hal_platform_t* p = hal_platform_get();
    if (p == nullptr || p->uart[0] == nullptr || p->uart[0]->read_byte == nullptr) return -1;
    return p->uart[0]->read_byte();
}

void uart_puts(const char* s) {
    const hal_platform_t* p = hal_platform_get();
    if (s == nullptr || p == nullptr || p->uart[0] == nullptr) return;
    p->uart[0]->write(s, strlen(s));
}

void gpio_write(uint32_t pin, bool on) {
    const hal_platform_t* p = hal_platform_get();
    if (p == nullptr || p->gpio == nullptr || pin >= p->gpio->pin_count) return;
    // Output is the only mode a write makes sense in; configuring each time is cheap and
    // leaves no first-use state to keep.
    if (p->gpio->configure(pin, HAL_PIN_OUTPUT) != OS_OK) return;
    p->gpio->write(pin, on ? 1 : 0);
}

bool gpio_read(uint32_t pin) {
    const hal_platform_t* p = hal_platform_get();
    if (p == nullptr || p->gpio == nullptr || pin >= p->gpio->pin_count) return false;
    return p->gpio->read(pin) != 0;
}

}  // extern "C"
