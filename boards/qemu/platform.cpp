// The virt machine's device table (include/tern/hal.h): the NS16550A console, mtime as
// the counter, power. virt has one UART; its virtio devices (block, network) have no
// driver yet, so those slots are empty.
#include "drivers/uart/ns16550.hpp"
#include "tern/board.hpp"
#include "tern/hal.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {
using Console = drivers::Ns16550<board::map::uart_base, board::map::uart_clock_hz>;
void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr TimerOps timer{board::counter_hz, board::counter};
constexpr PowerOps power{power_sleep, nullptr, power_reset};
}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&Console::ops},
    .timer = &timer,
    .block = nullptr,
    .net = nullptr,
    .gpio = nullptr,
    .flash = nullptr,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
