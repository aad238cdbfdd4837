// Cortex-M port, inline part. Critical sections mask with PRIMASK (one instruction each
// way); the switch is PendSV at the lowest priority, pended through ICSR.
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

inline bool in_isr() {
    uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr != 0;
}

inline void request_switch() {
    *reinterpret_cast<volatile uint32_t*>(0xE000ED04u) = 1u << 28;  // ICSR.PENDSVSET
}

inline unsigned highest_bit(uint32_t v) { return 31u - static_cast<unsigned>(__builtin_clz(v)); }

struct TaskData {};

constexpr size_t stack_bytes(size_t n) { return n; }
// The hardware frame, the software-saved registers and room for a small function.
inline constexpr size_t min_stack_bytes = 128;

// An address whose access faults (tests of the fault report).
inline constexpr uintptr_t invalid_address = board::invalid_address;

// Software-triggered interrupts: NVIC lines the board leaves unused.
inline constexpr unsigned soft_irq_count = 8;
using IrqHandler = void (*)();
void irq_attach(unsigned n, IrqHandler handler);
void irq_trigger(unsigned n);

}  // namespace tern::port
