// Peripheral op-tables of the MPS2 FPGA images (AN385, AN386, AN500 and the stm32f103
// profile, which share the board code): the console UART and power. QEMU models the
// CMSDK GPIO blocks only as unimplemented regions, so gpio is null; the PL022 SPI and
// SBCon I2C controllers exist in QEMU but have nothing attached, so they stay null too
// until a driver and a device come together.
#include "tern/hal.hpp"

#include "tern/board.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {

void uart_write(const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    for (size_t i = 0; i < n; ++i) board::console_putc(p[i]);
}

void power_sleep() { port::wait_for_interrupt(); }
[[noreturn]] void power_reset() { port::reset(); }

constexpr UartOps uart{uart_write, board::console_getc};
constexpr PowerOps power{power_sleep, power_reset};

constexpr Board table{TERN_HAL_BOARD_NAME, &uart, nullptr, nullptr, nullptr, nullptr, &power};

}  // namespace

const Board& board() { return table; }

}  // namespace tern::hal
