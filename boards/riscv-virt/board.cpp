// riscv-virt peripherals used by the kernel: the NS16550A UART at 0x10000000 (console)
// and the SiFive test device at 0x100000 (reset).
#include "tern/board.hpp"

namespace tern::board {

namespace {
volatile uint8_t& uart(uintptr_t r) { return *reinterpret_cast<volatile uint8_t*>(0x10000000u + r); }
constexpr uintptr_t thr = 0, rbr = 0, lsr = 5;
constexpr uint8_t lsr_data_ready = 0x01, lsr_thr_empty = 0x20;
}  // namespace

void init() {}

void console_putc(char c) {
    while (!(uart(lsr) & lsr_thr_empty)) {
    }
    uart(thr) = static_cast<uint8_t>(c);
}

int console_getc() {
    if (!(uart(lsr) & lsr_data_ready)) return -1;
    return uart(rbr);
}

void external_irq() {}

uint32_t counter() { return *reinterpret_cast<volatile uint32_t*>(clint_base + 0xBFF8); }

[[noreturn]] void reset() {
    *reinterpret_cast<volatile uint32_t*>(0x100000u) = 0x7777;  // sifive_test: reset
    for (;;) {
    }
}

}  // namespace tern::board
