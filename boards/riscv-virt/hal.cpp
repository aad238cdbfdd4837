// riscv-virt peripheral op-tables: the console UART and power; the rest is not used yet (null).
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
constexpr Board table{"riscv-virt", &uart, nullptr, nullptr, nullptr, nullptr, &power};

}  // namespace

const Board& board() { return table; }

}  // namespace tern::hal
