// The nRF51 family's board code: UART0 is the console, TIMER0 the free-running counter
// (captured on channel 0) and the one-shot wake (compare channel 1). Where they are is
// board_map.hpp; the device table is platform.cpp.
#include "drivers/timer/nrf51_timer.hpp"
#include "drivers/uart/nrf51_uart.hpp"
#include "tern/board.hpp"
#include "tern/port.hpp"
#include "tern/port/nvic.hpp"

namespace tern::board {

namespace {
using Console = drivers::Nrf51Uart<map::uart_base>;
using Timer = drivers::Nrf51Timer<map::timer_base>;
static_assert(Timer::max_cycles == wake_timer_max_cycles);
}  // namespace

void init() {
    Console::start();
    Timer::start_free_running();
    port::nvic::enable(map::timer_irq);  // the wake compare may end a WFI
}

uint32_t counter() { return Timer::now(); }

void wake_timer_arm(uint32_t cycles) {
    if (Timer::arm_once(cycles)) port::nvic::set_pending(map::timer_irq);  // already due
}

void wake_timer_disarm() {
    Timer::disarm();
    port::nvic::clear_pending(map::timer_irq);  // forget it was pending
}

void console_putc(char c) { Console::putc(c); }
int console_getc() { return Console::getc(); }

}  // namespace tern::board
