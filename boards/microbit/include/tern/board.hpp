// microbit: BBC micro:bit v1, Nordic nRF51822 (Cortex-M0, ARMv6-M), 256 KB flash and
// 16 KB RAM, as QEMU models it.
#pragma once
#include <stdint.h>

namespace tern::board {

inline constexpr uint32_t cpu_hz = 16000000;      // HCLK; QEMU's SysTick runs on it
inline constexpr uint32_t counter_hz = 16000000;  // TIMER0, prescaler 0, 32-bit mode
// QEMU gives the nRF51's NVIC 26 lines. 18 (QDEC) and 19 (LPCOMP) are not modelled and
// 20..25 are the chip's own software interrupts SWI0..5: the port's soft IRQs live there.
inline constexpr unsigned irq_count = 26;
inline constexpr unsigned soft_irq_base = 18;
// Unmapped, so an access bus-faults (HardFault on ARMv6-M). Not 0xF0000000: QEMU maps the
// nRF51's whole 0xF0000000.. range as an "unimplemented" region that ignores accesses.
inline constexpr uintptr_t invalid_address = 0x30000000u;

void init();         // console, counter: called by the reset handler
uint32_t counter();  // free-running up-counter at counter_hz

// One-shot wake for tickless sleep: TIMER0's compare channel 1 (the counter keeps running).
void wake_timer_arm(uint32_t cycles);
void wake_timer_disarm();
inline constexpr uint32_t wake_timer_max_cycles = 0x7FFFFFFFu;
void console_putc(char c);
int console_getc();  // -1 when no byte is waiting

}  // namespace tern::board
