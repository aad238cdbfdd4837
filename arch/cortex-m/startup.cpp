// Cortex-M reset and vector table. The linker script of every Cortex-M board defines
// __stack_top; the rest of the start is the shared C runtime's (arch/common/c_runtime.cpp).
#include <stdint.h>

#include "tern/board.hpp"

extern "C" {
extern uint32_t __stack_top[];
[[noreturn]] void tern_c_runtime_start();  // arch/common/c_runtime.cpp
void PendSV_Handler();
void SVC_Handler();
void SysTick_Handler();
void tern_fault_entry();
void tern_external_irq();

[[noreturn]] void Reset_Handler() {
#if defined(TERN_CM_V7EM_FP)
    // Full access to CP10/CP11 before any code may touch the FPU (CPACR). Lazy stacking
    // (FPCCR.ASPEN, LSPEN) is on from reset and is what the switch relies on.
    *reinterpret_cast<volatile uint32_t*>(0xE000ED88u) |= 0xFu << 20;
    asm volatile("dsb\n\tisb" ::: "memory");
#endif
    tern_c_runtime_start();
}

[[noreturn]] void Unexpected_Handler() {
    for (;;) {
    }
}

using Vector = void (*)();

// The 16 core vectors only: the external ones follow in .isr_vector_ext (the linker
// script places it right after). Sizing this array for them too left zeros where the
// external vectors belonged, and the first soft interrupt jumped to address 0.
[[gnu::section(".isr_vector"), gnu::used]] const Vector vector_table[16] = {
    reinterpret_cast<Vector>(__stack_top),
    Reset_Handler,
    Unexpected_Handler,  // NMI
    tern_fault_entry,    // HardFault
    tern_fault_entry,    // MemManage
    tern_fault_entry,    // BusFault
    tern_fault_entry,    // UsageFault
    nullptr, nullptr, nullptr, nullptr,
    SVC_Handler,
    Unexpected_Handler,  // DebugMon
    nullptr,
    PendSV_Handler,
    SysTick_Handler,
};
}

namespace {
// The external entries all point at one dispatcher; a constexpr loop cannot fill a
// C array initialiser, so the table's tail is patched by this constant-initialised copy.
struct ExternalVectors {
    void (*v[tern::board::irq_count])();
    constexpr ExternalVectors() : v() {
        for (auto& e : v) e = tern_external_irq;
    }
};
}  // namespace

[[gnu::section(".isr_vector_ext"), gnu::used]] constexpr ExternalVectors external_vectors{};
