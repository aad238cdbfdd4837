// What the Cortex-M port needs from a board, beyond the constants its tern/board.hpp gives
// (cpu_hz, counter_hz, irq_count, soft_irq_base, invalid_address, wake_timer_max_cycles):
// the functions a family's board code defines (boards/<family>/<family>.cpp).
#pragma once
#include <stdint.h>

namespace tern::board {

void init();         // console, counter: called by the C runtime before constructors
uint32_t counter();  // free-running up-counter at counter_hz

// A one-shot timer that makes an interrupt pending `cycles` counter cycles from now, to
// wake a tickless sleep (its NVIC line is enabled; the port clears it after waking).
void wake_timer_arm(uint32_t cycles);
void wake_timer_disarm();

void console_putc(char c);
int console_getc();  // -1 when no byte is waiting

}  // namespace tern::board
