// microbit: BBC micro:bit v1, Nordic nRF51822 (Cortex-M0, ARMv6-M), 256 KB flash and
// 16 KB RAM (board.cmake), as QEMU models it. One UART: no second one for a link.
#pragma once
#include <stdint.h>

namespace tern::board::map {

inline constexpr uint32_t cpu_hz = 16000000;
inline constexpr uint32_t timer_hz = 16000000;
// QEMU gives the nRF51's NVIC 26 lines. 18 (QDEC) and 19 (LPCOMP) are not modelled and
// 20..25 are the chip's own software interrupts SWI0..5: the port's soft IRQs live there.
inline constexpr unsigned irq_count = 26;
inline constexpr unsigned soft_irq_base = 18;
// Unmapped, so an access bus-faults (HardFault on ARMv6-M). Not 0xF0000000: QEMU maps the
// nRF51's whole 0xF0000000.. range as an "unimplemented" region that ignores accesses.
inline constexpr uintptr_t invalid_address = 0x30000000u;

inline constexpr uintptr_t uart_base = 0x40002000u;   // UART0, the console
inline constexpr uintptr_t timer_base = 0x40008000u;  // TIMER0: counter and wake
inline constexpr unsigned timer_irq = 8;
inline constexpr uintptr_t gpio_base = 0x50000000u;
inline constexpr uintptr_t nvmc_base = 0x4001E000u;
inline constexpr uint32_t flash_page_bytes = 1024;

}  // namespace tern::board::map
