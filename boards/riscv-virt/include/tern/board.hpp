// riscv-virt: QEMU's generic RISC-V "virt" machine, run as RV32IMAC in machine mode.
#pragma once
#include <stdint.h>

namespace tern::board {

inline constexpr uintptr_t clint_base = 0x02000000u;  // msip, mtimecmp, mtime
inline constexpr uint32_t mtime_hz = 10000000;        // the CLINT timebase QEMU gives virt
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
