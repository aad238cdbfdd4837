// Host port, inline part: the simulated CPU that runs the kernel inside a Linux process.
// Each task runs on a thread over its own (caller-supplied) stack; exactly one thread
// runs at a time, handed over by semaphores. Interrupt masking and pending interrupts
// are simulated flags; the tick arrives as a signal to the running thread.
#pragma once
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

namespace tern::port {

using IrqState = uint32_t;
IrqState irq_save();
void irq_restore(IrqState s);
bool in_isr();
// No priority-filtered masking: the simulated CPU has one mask, so tern::async lets every
// interrupt preempt a polled task.
inline constexpr bool has_priority_mask = false;
inline IrqState priority_mask_raise(uint32_t) { return 0; }
inline void priority_mask_restore(IrqState) {}

void request_switch();

inline unsigned highest_bit(uint32_t v) { return 31u - static_cast<unsigned>(__builtin_clz(v)); }

struct TaskData {
    pthread_t thread;
    sem_t run;   // posted when the scheduler hands this task the CPU
    int tid;     // Linux thread id, for the tick signal
    bool started;
    bool die;    // set when the control block is reused: the parked thread exits
    sigjmp_buf exit_jump;  // back to the thread's start, to end it without unwinding
    void (*entry)(void*);
    void* arg;
};

// Threads need far more stack than a microcontroller task (libc, sanitizers, signals):
// a task asking for N bytes gets N plus this.
inline constexpr size_t host_stack_extra = 192 * 1024;
constexpr size_t stack_bytes(size_t n) { return n + host_stack_extra; }
inline constexpr size_t min_stack_bytes = 128 * 1024;
// An address whose access faults (tests of the fault report).
inline constexpr uintptr_t invalid_address = 0x10;
inline constexpr bool unaligned_word_access = true;  // x86-64

// Software-triggered interrupts (the host has no NVIC): handlers run like ISRs.
inline constexpr unsigned soft_irq_count = 8;
using IrqHandler = void (*)();
void irq_attach(unsigned n, IrqHandler handler);
void irq_trigger(unsigned n);

}  // namespace tern::port
