// riscv-virt: QEMU's generic RISC-V "virt" machine, run as RV32IMAC in machine mode. It has
// one UART: no second one for a link (a virtio console would be the way).
#pragma once
#include <stdint.h>

namespace tern::board::map {

inline constexpr uintptr_t clint_base = 0x02000000u;
inline constexpr uint32_t mtime_hz = 10000000;  // the CLINT timebase QEMU gives virt
inline constexpr uintptr_t invalid_address = 0xF0000000u;  // nothing there: access fault

inline constexpr uintptr_t uart_base = 0x10000000u;  // NS16550A, the console
inline constexpr uint32_t uart_clock_hz = 3686400;   // the clock QEMU's device tree gives it
inline constexpr uintptr_t test_device_base = 0x00100000u;  // sifive,test: reset, power-off

}  // namespace tern::board::map
