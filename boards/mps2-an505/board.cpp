// mps2-an505 peripherals used by the kernel, through their Secure aliases: CMSDK UART0
// (0x50200000, console), SSE-200 timer 0 (counter) and timer 1 (one-shot wake, IRQ 4).
// The PPCs reset with every port Secure, which is what a Secure-only image wants.
#include "tern/board.hpp"

namespace tern::board {

namespace {

struct CmsdkUart {
    volatile uint32_t data, state, ctrl, intstatus, bauddiv;
};
struct CmsdkTimer {
    volatile uint32_t ctrl, value, reload, intstatus;
};

CmsdkUart& uart0() { return *reinterpret_cast<CmsdkUart*>(0x50200000u); }
CmsdkTimer& timer0() { return *reinterpret_cast<CmsdkTimer*>(0x50000000u); }
CmsdkTimer& timer1() { return *reinterpret_cast<CmsdkTimer*>(0x50001000u); }
volatile uint32_t& nvic(uintptr_t a) { return *reinterpret_cast<volatile uint32_t*>(a); }

constexpr unsigned timer1_irq = 4;
constexpr uint32_t timer_enable = 1u << 0;
constexpr uint32_t timer_irq_enable = 1u << 3;
constexpr uint32_t uart_tx_full = 1u << 0;
constexpr uint32_t uart_rx_full = 1u << 1;

}  // namespace

void init() {
    uart0().bauddiv = 16;
    uart0().ctrl = 3;
    timer0().ctrl = 0;
    timer0().reload = 0xFFFFFFFFu;
    timer0().value = 0xFFFFFFFFu;
    timer0().ctrl = timer_enable;
    timer1().ctrl = 0;
    nvic(0xE000E100u) = 1u << timer1_irq;
}

void wake_timer_arm(uint32_t cycles) {
    timer1().ctrl = 0;
    timer1().intstatus = 1;
    timer1().reload = cycles;
    timer1().value = cycles;
    timer1().ctrl = timer_enable | timer_irq_enable;
}

void wake_timer_disarm() {
    timer1().ctrl = 0;
    timer1().intstatus = 1;
    nvic(0xE000E280u) = 1u << timer1_irq;
}

uint32_t counter() { return ~timer0().value; }

void console_putc(char c) {
    while (uart0().state & uart_tx_full) {
    }
    uart0().data = static_cast<uint8_t>(c);
}

int console_getc() {
    if (!(uart0().state & uart_rx_full)) return -1;
    return static_cast<int>(uart0().data & 0xFF);
}

}  // namespace tern::board
