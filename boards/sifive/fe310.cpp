// The SiFive FE310 family's board code: UART0 is the console, mtime (the port's CLINT) the
// counter. Where they are is board_map.hpp; the device table is platform.cpp.
#include "drivers/uart/sifive_uart.hpp"
#include "tern/board.hpp"
#include "tern/port.hpp"
#include "tern/port/clint.hpp"

extern "C" [[noreturn]] void _start();

namespace tern::board {

namespace {
using Console = drivers::SifiveUart<map::uart_base[0], map::uart_clock_hz>;
}  // namespace

void init() { Console::start(); }
void console_putc(char c) { Console::putc(c); }
int console_getc() { return Console::getc(); }
void external_irq() {}
uint32_t counter() { return port::clint::mtime_low(clint_base); }

// The machine has no reset register that QEMU models (the AON watchdog could, given
// time): start over from the reset entry with interrupts off instead.
[[noreturn]] void reset() {
    port::irq_disable_all();
    _start();
}

}  // namespace tern::board
