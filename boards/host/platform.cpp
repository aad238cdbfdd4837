// The host board's device table: the console is the process's stdout and stdin, power is
// the host port's idle and reset. There is no board counter, GPIO or flash.
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

void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr UartOps console{console_init, console_putc, console_write, console_read_byte};
constexpr PowerOps power{power_sleep, nullptr, power_reset};

}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&console},
    .timer = nullptr,
    .block = nullptr,
    .net = nullptr,
    .gpio = nullptr,
    .flash = nullptr,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
