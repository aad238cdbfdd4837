// The host board's device table: the console is the process's stdout and stdin, power is
// the host port's idle and reset, and GPIO is 32 simulated pins whose output changes are
// printed ("gpio: pin 0 -> high"), so an app that drives a LED shows it. There is no
// board counter or flash.
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "tern/hal.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {

os_error_t console_init(uint32_t) { return OS_OK; }  // a terminal's rate is not ours to set
void console_putc(char c) { port::console_write(&c, 1); }
void console_write(const void* data, size_t n) {
    port::console_write(static_cast<const char*>(data), n);
}
// A byte if one is waiting, without blocking (stdin stays blocking: on a terminal it shares
// its file description with stdout). End of input reads as "none waiting".
int console_read_byte() {
    pollfd p = {0, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) return -1;
    unsigned char c;
    ssize_t n;
    do {
        n = read(0, &c, 1);
    } while (n < 0 && errno == EINTR);
    return n == 1 ? c : -1;
}

// Simulated pins: an output's level reads back; a change of level is printed.
constexpr uint32_t gpio_pins = 32;
uint32_t gpio_levels = 0;
os_error_t gpio_configure(uint32_t pin, hal_pin_mode_t) {
    return pin < gpio_pins ? OS_OK : OS_ERROR_INVALID;
}
void gpio_write(uint32_t pin, int high) {
    if (pin >= gpio_pins) return;
    uint32_t bit = 1u << pin, was = gpio_levels & bit;
    gpio_levels = high != 0 ? (gpio_levels | bit) : (gpio_levels & ~bit);
    if ((gpio_levels & bit) == was) return;
    char line[32] = "gpio: pin ";
    size_t n = 10;
    if (pin >= 10) line[n++] = static_cast<char>('0' + pin / 10);
    line[n++] = static_cast<char>('0' + pin % 10);
    const char* level = high != 0 ? " -> high\r\n" : " -> low\r\n";
    for (const char* c = level; *c != '\0'; ++c) line[n++] = *c;
    port::console_write(line, n);
}
int gpio_read(uint32_t pin) { return pin < gpio_pins ? static_cast<int>((gpio_levels >> pin) & 1u) : 0; }

void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr UartOps console{console_init, console_putc, console_write, console_read_byte};
constexpr PowerOps power{power_sleep, nullptr, power_reset};
constexpr GpioOps gpio{gpio_pins, gpio_configure, gpio_write, gpio_read};

}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&console},
    .timer = nullptr,
    .block = nullptr,
    .net = nullptr,
    .gpio = &gpio,
    .flash = nullptr,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
