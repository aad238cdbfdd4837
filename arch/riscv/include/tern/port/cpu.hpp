// RISC-V port (RV32, machine mode), inline part. Critical sections clear mstatus.MIE (one
// csrrci each way). A switch asked for from a task is taken where its critical section
// ends: irq_restore enters tern_riscv_switch (trap.S), which saves only the registers the
// compiler may expect back, with no trap and no MSIP round trip. One asked for inside a
// trap is taken by the trap's exit.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/board.hpp"

extern "C" {
// mstatus.MIE (8) while no switch is pending, 0 while one is; set back by every switch
// (trap.S). Inverted so that irq_restore's test is one compare, s > this. It starts at 0
// (.sbss, in reach of gp) and the first task's start sets it: until then interrupts are
// masked, s is 0 and nothing switches. Not volatile: only used with interrupts masked,
// after irq_save (a memory clobber), so the compiler may fold it where request_switch just
// wrote it.
extern uint8_t tern_riscv_no_switch;
}

namespace tern::port {

using IrqState = uint32_t;

[[gnu::always_inline]] inline IrqState irq_save() {
    uint32_t s;
    asm volatile("csrrci %0, mstatus, 8" : "=r"(s)::"memory");
    return s & 8u;
}

// Where the outermost critical section ends with a switch pending, the switch opens
// interrupts in the next task instead (and in this one when it comes back). It is entered
// with the return address in t0 and keeps ra itself: a plain call would make every function
// with a critical section save ra, leaves included, for a path rarely taken. It keeps
// a0-a3 too: a slow path's tail call (this and up to three arguments) lives across the end
// of the fast path's section there, and clobbering them would move those into s* and make
// such functions save s* on every call. Measured on riscv-virt: keeping a0-a7 costs every
// switch 8 instructions more and gains nothing; keeping only a0-a1 makes tm_message 4 worse.
[[gnu::always_inline]] inline void irq_restore(IrqState s) {
    if (s > tern_riscv_no_switch) [[unlikely]] {
        asm volatile("jal t0, tern_riscv_switch"  // trap.S
                     ::: "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a4", "a5", "a6", "a7",
                         "memory");
    } else {
        asm volatile("csrs mstatus, %0" ::"r"(s) : "memory");
    }
}

// Every interrupt off, each line's enable (mie) as well as the global one: the state a
// board restarts from when it re-enters its reset path by software (no reset register).
inline void irq_disable_all() { asm volatile("csrw mie, zero\n\tcsrci mstatus, 8" ::: "memory"); }

// No priority-filtered masking: machine mode has one global enable (mstatus.MIE) and the
// port uses no priority threshold, so tern::async lets every interrupt preempt a polled task.
inline constexpr bool has_priority_mask = false;
inline IrqState priority_mask_raise(uint32_t) { return 0; }
inline void priority_mask_restore(IrqState) {}

// RISC-V has no "current exception number" register. The trap handler keeps the task's sp
// in mscratch while it runs and 0 otherwise (arch/riscv/trap.S): one csrr, no flag to store.
inline bool in_isr() {
    uint32_t v;
    asm volatile("csrr %0, mscratch" : "=r"(v));
    return v != 0;
}

// Called with interrupts masked (the kernel's contract): from a task, the irq_restore that
// opens them switches; inside a trap, the trap's exit does (and sets the byte back).
inline void request_switch() { tern_riscv_no_switch = 0; }

// RV32IMAC has no CLZ (Zbb is not in the base): smear the top bit down, then a de Bruijn
// multiply names it. O(1), no loop, no branch (v != 0: never asked about an empty map).
// Always inline: GCC kept one copy, and the call made reschedule (two of them) a non-leaf
// with saved registers on every switch.
[[gnu::always_inline]] inline unsigned highest_bit(uint32_t v) {
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
// M3). RV32 needs more for the same code: a task preempted by an interrupt keeps a 128-byte
// frame on its stack (Cortex-M: 32 + 32; one that switches itself out keeps 80, but any
// task may be preempted), and its frames are 16-byte aligned with more saved registers.
// A quarter more plus the frame difference covers it (the shell's 704 bytes overflowed).
constexpr size_t stack_bytes(size_t n) { return (n + n / 4 + 64 + 15) & ~size_t{15}; }
// The full frame (128 bytes: every register but zero, sp, gp, tp, plus mepc and mstatus)
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
