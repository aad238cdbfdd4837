// sifive_e peripherals used by the kernel: SiFive UART0 at 0x10013000 (console).
#include "tern/board.hpp"
#include "tern/port.hpp"

extern "C" [[noreturn]] void _start();

namespace tern::board {

namespace {
struct SifiveUart {
    volatile uint32_t txdata, rxdata, txctrl, rxctrl, ie, ip, div;
};
SifiveUart& uart0() { return *reinterpret_cast<SifiveUart*>(0x10013000u); }
constexpr uint32_t fifo_flag = 1u << 31;  // txdata: full; rxdata: empty
}  // namespace

void init() {
    uart0().txctrl = 1;  // txen
    uart0().rxctrl = 1;  // rxen
}

void console_putc(char c) {
    while (uart0().txdata & fifo_flag) {
    }
    uart0().txdata = static_cast<uint8_t>(c);
}

int console_getc() {
    uint32_t v = uart0().rxdata;
    if (v & fifo_flag) return -1;
    return static_cast<int>(v & 0xFF);
}

void external_irq() {}

uint32_t counter() { return *reinterpret_cast<volatile uint32_t*>(clint_base + 0xBFF8); }

// The machine has no reset register that QEMU models (the AON watchdog could, given
// time): start over from the reset entry with interrupts off instead.
[[noreturn]] void reset() {
    port::irq_disable_all();
    _start();
}

}  // namespace tern::board
