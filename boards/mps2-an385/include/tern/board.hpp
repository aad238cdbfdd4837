// mps2-an385: ARM's MPS2 FPGA image with a Cortex-M3, as QEMU models it.
#pragma once
#include <stdint.h>

namespace tern::board {

inline constexpr uint32_t cpu_hz = 25000000;      // SysTick runs on the CPU clock
inline constexpr uint32_t counter_hz = 25000000;  // CMSDK APB timer 0, free-running
inline constexpr unsigned irq_count = 32;         // external NVIC lines modelled
inline constexpr unsigned soft_irq_base = 24;     // lines 24..31 are not wired to devices
inline constexpr uintptr_t invalid_address = 0xF0000000u;

void init();            // clocks, console, counter: called by the reset handler
uint32_t counter();     // free-running up-counter at counter_hz

// A one-shot timer that makes an interrupt pending `cycles` counter cycles from now, to
// wake a tickless sleep (its NVIC line is enabled; the port clears it after waking).
void wake_timer_arm(uint32_t cycles);
void wake_timer_disarm();
inline constexpr uint32_t wake_timer_max_cycles = 0x7FFFFFFFu;
void console_putc(char c);
int console_getc();     // -1 when no byte is waiting

}  // namespace tern::board
