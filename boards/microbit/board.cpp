// microbit peripherals used by the kernel: nRF51 UART0 (console) and TIMER0 (the free-
// running counter on compare channel 0 captures, and the one-shot wake on channel 1).
#include "tern/board.hpp"

namespace tern::board {

namespace {

volatile uint32_t& reg(uintptr_t a) { return *reinterpret_cast<volatile uint32_t*>(a); }

constexpr uintptr_t uart0 = 0x40002000u;
constexpr uintptr_t uart_starttx = uart0 + 0x008, uart_startrx = uart0 + 0x000;
constexpr uintptr_t uart_rxdrdy = uart0 + 0x108, uart_txdrdy = uart0 + 0x11C;
constexpr uintptr_t uart_enable = uart0 + 0x500, uart_rxd = uart0 + 0x518,
                    uart_txd = uart0 + 0x51C;

constexpr uintptr_t timer0 = 0x40008000u;
constexpr uintptr_t t_start = timer0 + 0x000, t_clear = timer0 + 0x00C;
constexpr uintptr_t t_capture0 = timer0 + 0x040;
constexpr uintptr_t t_compare1 = timer0 + 0x144;  // EVENTS_COMPARE[1]
constexpr uintptr_t t_intenset = timer0 + 0x304, t_intenclr = timer0 + 0x308;
constexpr uintptr_t t_mode = timer0 + 0x504, t_bitmode = timer0 + 0x508,
                    t_prescaler = timer0 + 0x510;
constexpr uintptr_t t_cc0 = timer0 + 0x540, t_cc1 = timer0 + 0x544;
constexpr uint32_t compare1_int = 1u << 17;
constexpr unsigned timer0_irq = 8;

// A compare event fires only when the counter equals CC, and at 16 MHz the counter moves
// about two counts per instruction under -icount shift=5: a wake armed too close would be
// passed before CC is written and never fire. Arm at least this far out, and pend the
// interrupt by hand if the counter is already past it.
constexpr uint32_t min_wake_cycles = 64;

}  // namespace

void init() {
    reg(uart_enable) = 4;
    reg(uart_starttx) = 1;
    reg(uart_startrx) = 1;
    reg(t_mode) = 0;       // timer
    reg(t_bitmode) = 3;    // 32 bits
    reg(t_prescaler) = 0;  // 16 MHz
    reg(t_clear) = 1;
    reg(t_start) = 1;
    reg(0xE000E100u) = 1u << timer0_irq;  // NVIC ISER: the wake compare may end a WFI
}

uint32_t counter() {
    reg(t_capture0) = 1;
    return reg(t_cc0);
}

void wake_timer_arm(uint32_t cycles) {
    if (cycles < min_wake_cycles) cycles = min_wake_cycles;
    reg(t_compare1) = 0;
    uint32_t now = counter();
    reg(t_cc1) = now + cycles;
    reg(t_intenset) = compare1_int;
    if (counter() - now >= cycles) reg(0xE000E200u) = 1u << timer0_irq;  // NVIC ISPR: due
}

void wake_timer_disarm() {
    reg(t_intenclr) = compare1_int;
    reg(t_compare1) = 0;
    reg(0xE000E280u) = 1u << timer0_irq;  // NVIC ICPR: forget it was pending
}

void console_putc(char c) {
    reg(uart_txdrdy) = 0;
    reg(uart_txd) = static_cast<uint8_t>(c);
    while (reg(uart_txdrdy) == 0) {
    }
}

int console_getc() {
    if (reg(uart_rxdrdy) == 0) return -1;
    reg(uart_rxdrdy) = 0;
    return static_cast<int>(reg(uart_rxd) & 0xFF);
}

}  // namespace tern::board
