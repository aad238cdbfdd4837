// RISC-V port (RV32, machine mode), inline part. Critical sections clear mstatus.MIE (one
// csrrci each way); the switch is the CLINT machine software interrupt (MSIP), taken at
// the lowest urgency because traps never nest: it runs when interrupts open again.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/board.hpp"

extern "C" volatile uint8_t tern_riscv_in_trap;  // set by the trap handler (arch/riscv/trap.S)

namespace tern::port {

using IrqState = uint32_t;

inline IrqState irq_save() {
    uint32_t s;
    asm volatile("csrrci %0, mstatus, 8" : "=r"(s)::"memory");
    return s & 8u;
}

inline void irq_restore(IrqState s) { asm volatile("csrs mstatus, %0" ::"r"(s) : "memory"); }

// RISC-V has no "current exception number" register: the trap handler keeps a flag.
inline bool in_isr() { return tern_riscv_in_trap != 0; }

inline void request_switch() {
    *reinterpret_cast<volatile uint32_t*>(board::clint_base) = 1;  // MSIP of hart 0
}

// RV32IMAC has no CLZ (Zbb is not in the base): smear the top bit down, then a de Bruijn
// multiply names it. O(1), no loop, no branch (v != 0: never asked about an empty map).
inline unsigned highest_bit(uint32_t v) {
    static constexpr uint8_t table[32] = {0,  9,  1,  10, 13, 21, 2,  29, 11, 14, 16,
                                          18, 22, 25, 3,  30, 8,  12, 20, 28, 15, 17,
                                          24, 7,  19, 27, 23, 6,  26, 5,  4,  31};
    v |= v >> 1;
    v |= v >> 2;
    v |= v >> 4;
    v |= v >> 8;
    v |= v >> 16;
    return table[(v * 0x07C4ACDDu) >> 27];
}

struct TaskData {};

// Stack sizes in tern are written against Cortex-M (Stack<704> = what a task needs on an
// M3). RV32 needs more for the same code: every trap pushes a 128-byte frame on the task's
// stack (Cortex-M: 32 + 32), and its frames are 16-byte aligned with more saved registers.
// A quarter more plus the frame difference covers it (the shell's 704 bytes overflowed).
constexpr size_t stack_bytes(size_t n) { return (n + n / 4 + 64 + 15) & ~size_t{15}; }
// The trap frame (128 bytes: every register but zero, sp, gp, tp, plus mepc and mstatus)
// and room for a small function; interrupt handlers run on their own stack.
inline constexpr size_t min_stack_bytes = 224;

inline constexpr uintptr_t invalid_address = board::invalid_address;
// RV32 may trap (or emulate slowly) on a misaligned word access; GCC assumes it must not.
inline constexpr bool unaligned_word_access = false;

// Software-triggered interrupts: raised through the same machine software interrupt as
// the switch; the trap handler runs the pending ones, in interrupt context, first.
inline constexpr unsigned soft_irq_count = 8;
using IrqHandler = void (*)();
void irq_attach(unsigned n, IrqHandler handler);
void irq_trigger(unsigned n);

}  // namespace tern::port
