// mps2-an505: ARM's IoT kit (SSE-200) FPGA image with a Cortex-M33 (ARMv8-M Mainline), as
// QEMU models it. tern runs in the Secure state the core resets into, with no Non-secure
// world: code at the secure alias 0x10000000, RAM at 0x38000000, peripherals at 0x5xxxxxxx.
#pragma once
#include <stdint.h>

namespace tern::board {

inline constexpr uint32_t cpu_hz = 20000000;      // MAINCLK: SysTick and the APB timers
inline constexpr uint32_t counter_hz = 20000000;  // CMSDK APB timer 0, free-running
inline constexpr unsigned irq_count = 92;         // external lines QEMU gives this image
inline constexpr unsigned soft_irq_base = 84;     // 84..91 are not wired to devices
inline constexpr uintptr_t invalid_address = 0xF0000000u;

void init();
uint32_t counter();
void wake_timer_arm(uint32_t cycles);
void wake_timer_disarm();
inline constexpr uint32_t wake_timer_max_cycles = 0x7FFFFFFFu;
void console_putc(char c);
int console_getc();

}  // namespace tern::board
