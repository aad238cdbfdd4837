// mps2-an505: ARM's IoT kit FPGA image (SSE-200 subsystem, Cortex-M33, ARMv8-M Mainline),
// as QEMU models it. tern runs in the Secure state the core resets into, with no
// Non-secure world, so every device is reached through its Secure alias (0x5xxxxxxx); the
// PPCs reset with every port Secure, which is what a Secure-only image wants.
#pragma once
#include <stdint.h>

namespace tern::board::map {

inline constexpr uint32_t cpu_hz = 20000000;   // MAINCLK: SysTick and the APB timers
inline constexpr unsigned irq_count = 92;      // external lines QEMU gives this image
inline constexpr unsigned soft_irq_base = 84;  // 84..91 are not wired to devices
inline constexpr uintptr_t invalid_address = 0xF0000000u;

// CMSDK APB UART0..UART4 (Secure aliases); UART0 is QEMU's first -serial, UART1 its second.
inline constexpr uintptr_t uart_base[] = {0x50200000u, 0x50201000u, 0x50202000u, 0x50203000u,
                                          0x50204000u};
inline constexpr uintptr_t counter_timer_base = 0x50000000u;  // SSE-200 timer 0
inline constexpr uintptr_t wake_timer_base = 0x50001000u;     // SSE-200 timer 1
inline constexpr unsigned wake_timer_irq = 4;
inline constexpr uintptr_t fpgaio_base = 0x50302000u;  // FPGA I/O (secure alias): LED0
inline constexpr uint32_t user_leds = 2;

}  // namespace tern::board::map
