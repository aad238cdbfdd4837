// RISC-V reset, after _start (trap.S) has set gp, sp and mtvec; the rest of the start is
// the shared C runtime's (arch/common/c_runtime.cpp).
#include <stdint.h>

#include "tern/board.hpp"

extern "C" {
[[noreturn]] void tern_c_runtime_start();

[[noreturn]] void tern_riscv_reset() {
    // No timer match until the port programs one (mtimecmp's high word).
    *reinterpret_cast<volatile uint32_t*>(tern::board::clint_base + 0x4004) = 0xFFFFFFFFu;
    tern_c_runtime_start();
}
}
