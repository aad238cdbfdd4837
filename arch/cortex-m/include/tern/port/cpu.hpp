// Cortex-M port, inline part. Critical sections mask with PRIMASK (one instruction each
// way; also the only choice on ARMv6-M, which has no BASEPRI); the switch is PendSV at the
// lowest priority, pended through ICSR. TERN_CM_<profile> comes from arch/cortex-m/CMakeLists.txt.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/board.hpp"

namespace tern::port {

using IrqState = uint32_t;

inline IrqState irq_save() {
    uint32_t s;
    asm volatile("mrs %0, primask\n\tcpsid i" : "=r"(s)::"memory");
    return s;
}

inline void irq_restore(IrqState s) { asm volatile("msr primask, %0" ::"r"(s) : "memory"); }

// Priority-filtered masking (tern::async's preemption, docs/async.md): BASEPRI holds the
// interrupts of priority value >= level and lets more urgent ones run. ARMv6-M has no
// BASEPRI; there the caller treats every interrupt as allowed to preempt.
#if defined(TERN_CM_V6M)
inline constexpr bool has_priority_mask = false;
inline IrqState priority_mask_raise(uint32_t) { return 0; }
inline void priority_mask_restore(IrqState) {}
#else
inline constexpr bool has_priority_mask = true;
// BASEPRI_MAX only ever raises the mask, so a nested call cannot lower it.
inline IrqState priority_mask_raise(uint32_t level) {
    uint32_t old;
    asm volatile("mrs %0, basepri\n\tmsr basepri_max, %1" : "=&r"(old) : "r"(level) : "memory");
    return old;
}
inline void priority_mask_restore(IrqState s) {
    asm volatile("msr basepri, %0" ::"r"(s) : "memory");
}
#endif

inline bool in_isr() {
    uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr != 0;
}

inline void request_switch() {
    *reinterpret_cast<volatile uint32_t*>(0xE000ED04u) = 1u << 28;  // ICSR.PENDSVSET
}

#if defined(TERN_CM_V6M)
// ARMv6-M has no CLZ: smear the top bit down, then a de Bruijn multiply names it. O(1),
// no loop, no branch (v != 0; the kernel never asks about an empty map).
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
#else
inline unsigned highest_bit(uint32_t v) { return 31u - static_cast<unsigned>(__builtin_clz(v)); }
#endif

struct TaskData {};

constexpr size_t stack_bytes(size_t n) { return n; }
// The hardware frame, the software-saved registers and room for a small function; with an
// FPU, a task's frame may also hold s0-s31, FPSCR and EXC_RETURN (+140 bytes). Stays
// below the idle task's default 256-byte stack.
#if defined(TERN_CM_V7EM_FP)
inline constexpr size_t min_stack_bytes = 232;
#else
inline constexpr size_t min_stack_bytes = 128;
#endif

// Word loads and stores at any address: ARMv7-M and ARMv8-M Mainline have them; ARMv6-M
// faults on an unaligned word access.
#if defined(TERN_CM_V6M)
inline constexpr bool unaligned_word_access = false;
#else
inline constexpr bool unaligned_word_access = true;
#endif

// An address whose access faults (tests of the fault report).
inline constexpr uintptr_t invalid_address = board::invalid_address;

// Software-triggered interrupts: NVIC lines the board leaves unused.
inline constexpr unsigned soft_irq_count = 8;
using IrqHandler = void (*)();
void irq_attach(unsigned n, IrqHandler handler);
void irq_trigger(unsigned n);

}  // namespace tern::port
