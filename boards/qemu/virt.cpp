// The board code of QEMU's RISC-V virt machine: the NS16550A is the console, mtime (the
// port's CLINT) the counter, the SiFive test device the reset. Where they are is
// board_map.hpp; the device table is platform.cpp.
#include "drivers/power/sifive_test.hpp"
#include "drivers/uart/ns16550.hpp"
#include "tern/board.hpp"
#include "tern/port.hpp"
#include "tern/port/clint.hpp"

namespace tern::board {

namespace {
using Console = drivers::Ns16550<map::uart_base, map::uart_clock_hz>;
using TestDevice = drivers::SifiveTest<map::test_device_base>;
}  // namespace

void init() {}
void console_putc(char c) { Console::putc(c); }
int console_getc() { return Console::getc(); }
void external_irq() {}
uint32_t counter() { return port::clint::mtime_low(clint_base); }
[[noreturn]] void reset() { TestDevice::reset(); }

}  // namespace tern::board
