// The RISC-V core-local interruptor (SiFive's CLINT layout, which QEMU's virt and sifive_e
// share): hart 0's software-interrupt word, its 64-bit timer compare and the 64-bit mtime.
// The board says where it is (board::clint_base); the port owns it as its tick source.
#pragma once
#include <stdint.h>

namespace tern::port::clint {

inline constexpr uintptr_t msip_offset = 0x0000;
inline constexpr uintptr_t mtimecmp_offset = 0x4000;  // low word; high word at +4
inline constexpr uintptr_t mtime_offset = 0xBFF8;     // low word; high word at +4

inline volatile uint32_t& word(uintptr_t address) {
    return *reinterpret_cast<volatile uint32_t*>(address);
}
inline uint32_t mtime_low(uintptr_t base) { return word(base + mtime_offset); }

}  // namespace tern::port::clint
