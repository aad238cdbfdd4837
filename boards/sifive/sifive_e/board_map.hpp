// sifive_e: QEMU's model of SiFive's E31/FE310 (HiFive1): RV32IMAC, machine mode, 16 KB of
// data RAM (DTIM), code executed in place from SPI flash (memories: board.cmake).
#pragma once
#include <stdint.h>

namespace tern::board::map {

inline constexpr uintptr_t clint_base = 0x02000000u;
// On a real FE310 mtime runs on the 32.768 kHz low-frequency clock (32.768 cycles per 1 kHz
// tick: the port's rational tick grid handles that without drift). QEMU 7.2's sifive_e
// clocks its CLINT at the generic 10 MHz instead (measured: 192,003 mtime cycles over
// 600,000 instructions at -icount shift=5), so under QEMU that is what it is.
inline constexpr uint32_t mtime_hz = 10000000;
inline constexpr uintptr_t invalid_address = 0xF0000000u;  // nothing there: access fault

// UART0 (the console, QEMU's first -serial) and UART1 (its second).
inline constexpr uintptr_t uart_base[] = {0x10013000u, 0x10023000u};
// The bus clock the UART divisors count: the HiFive1's 16 MHz crystal with the PLL
// bypassed (QEMU does not model the divisor's effect).
inline constexpr uint32_t uart_clock_hz = 16000000;
inline constexpr uintptr_t gpio_base = 0x10012000u;

}  // namespace tern::board::map
