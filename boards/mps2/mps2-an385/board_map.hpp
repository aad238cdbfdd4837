// mps2-an385: ARM's MPS2 FPGA image AN385 (Cortex-M3), as QEMU models it. QEMU's AN386
// (Cortex-M4F) and AN500 (Cortex-M7) images have the same map, and so do their boards.
#pragma once
#include <stdint.h>

namespace tern::board::map {

inline constexpr uint32_t cpu_hz = 25000000;  // SYSCLK: the core, SysTick, the APB devices
inline constexpr unsigned irq_count = 32;      // external NVIC lines QEMU gives the image
inline constexpr unsigned soft_irq_base = 24;  // lines 24..31 are not wired to devices
inline constexpr uintptr_t invalid_address = 0xF0000000u;  // unmapped: a bus fault

// CMSDK APB UART0..UART4; UART0 is QEMU's first -serial, UART1 its second.
inline constexpr uintptr_t uart_base[] = {0x40004000u, 0x40005000u, 0x40006000u, 0x40007000u,
                                          0x40009000u};
inline constexpr uintptr_t counter_timer_base = 0x40000000u;  // CMSDK APB timer 0
inline constexpr uintptr_t wake_timer_base = 0x40001000u;     // CMSDK APB timer 1
inline constexpr unsigned wake_timer_irq = 9;
inline constexpr uintptr_t fpgaio_base = 0x40028000u;  // FPGA I/O: LED0 (two user LEDs)
inline constexpr uint32_t user_leds = 2;

}  // namespace tern::board::map
