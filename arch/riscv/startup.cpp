// RISC-V reset, after _start (trap.S) has set gp, sp and mtvec; the rest of the start is
// the shared C runtime's (arch/common/c_runtime.cpp).
#include <stdint.h>

#include "tern/board.hpp"
#include "tern/port/clint.hpp"

extern "C" {
[[noreturn]] void tern_c_runtime_start();

[[noreturn]] void tern_riscv_reset() {
    // No timer match until the port programs one (mtimecmp's high word).
    tern::port::clint::word(tern::board::clint_base + tern::port::clint::mtimecmp_offset + 4) =
        0xFFFFFFFFu;
    tern_c_runtime_start();
}
}
