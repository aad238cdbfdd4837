// The MPS2 family's board code, for every board of boards/mps2/ (and the stm32f103 profile,
// which runs on the AN385 machine): CMSDK APB UART0 is the console, CMSDK APB timer 0 runs
// free from 0xFFFFFFFF down (read inverted as an up-counter), timer 1 is the one-shot wake.
// Where they are is the board's board_map.hpp. The device table is platform.cpp.
#include "drivers/timer/cmsdk_apb_timer.hpp"
#include "drivers/uart/cmsdk_apb_uart.hpp"
#include "tern/board.hpp"
#include "tern/port.hpp"
#include "tern/port/nvic.hpp"

namespace tern::board {

namespace {
using Console = drivers::CmsdkApbUart<map::uart_base[0], map::cpu_hz>;
using Counter = drivers::CmsdkApbTimer<map::counter_timer_base>;
using Wake = drivers::CmsdkApbTimer<map::wake_timer_base>;
static_assert(Wake::max_cycles == wake_timer_max_cycles);
constexpr uint32_t console_divider = 16;  // the fastest CMSDK rate; QEMU ignores it
}  // namespace

void init() {
    Console::init_divider(console_divider);
    Counter::start_free_running();
    Wake::stop();
    port::nvic::enable(map::wake_timer_irq);  // the wake timer may end a WFI
}

void wake_timer_arm(uint32_t cycles) { Wake::arm_once(cycles); }

void wake_timer_disarm() {
    Wake::disarm();
    port::nvic::clear_pending(map::wake_timer_irq);  // forget it was pending
}

uint32_t counter() { return Counter::up_count(); }
void console_putc(char c) { Console::putc(c); }
int console_getc() { return Console::getc(); }

}  // namespace tern::board
