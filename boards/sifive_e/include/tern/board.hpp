// sifive_e: QEMU's model of SiFive's E31/FE310 (HiFive1): RV32IMAC, machine mode, 16 KB of
// data RAM (DTIM), code executed in place from SPI flash.
#pragma once
#include <stdint.h>

namespace tern::board {

inline constexpr uintptr_t clint_base = 0x02000000u;  // msip, mtimecmp, mtime
// On a real FE310 mtime runs on the 32.768 kHz low-frequency clock (32.768 cycles per 1 kHz
// tick: the port's rational tick grid handles that without drift). QEMU 7.2's sifive_e
// clocks its CLINT at the generic 10 MHz instead (measured: 192,003 mtime cycles over
// 600,000 instructions at -icount shift=5), so under QEMU that is what it is.
inline constexpr uint32_t mtime_hz = 10000000;
inline constexpr uintptr_t invalid_address = 0xF0000000u;  // nothing there: access fault

// The free-running counter every board offers (benchmarks read it): mtime's low word.
inline constexpr uint32_t counter_hz = mtime_hz;
uint32_t counter();

void init();  // console: called by the reset code
void console_putc(char c);
int console_getc();  // -1 when no byte is waiting
void external_irq();  // machine external interrupt (PLIC): none used yet
[[noreturn]] void reset();

}  // namespace tern::board
