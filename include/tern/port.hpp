// The port facade: everything chip-specific the kernel needs, and nothing else.
// A port lives in arch/<cpu>/ and supplies:
//   - <tern/port/cpu.hpp>, inline: IrqState, irq_save, irq_restore, in_isr, request_switch,
//     highest_bit, TaskData, stack_bytes, min_stack_bytes, unaligned_word_access,
//     has_priority_mask, priority_mask_raise, priority_mask_restore;
//   - out-of-line functions declared below (arch/<cpu>/ and boards/<family>/).
// The kernel contains no architecture #ifdef and no CPU instruction (asm) lives outside
// arch/ (docs/ports.md): a new core is a new directory.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "tern/port/cpu.hpp"

namespace tern {
struct Task;
using TaskEntry = void (*)(void* arg);
using Tick = uint32_t;
}  // namespace tern

namespace tern::port {

// Builds the first frame of a task so that switching to it calls entry(arg), and a
// return from entry calls kernel::task_exit(). Returns the initial saved stack pointer.
void* stack_init(Task& task, uint8_t* base, size_t bytes, TaskEntry entry, void* arg);
// The task's control block is about to be reused or the task was deleted by another:
// release whatever the port keeps for it (the host port's thread). Nothing on a chip.
void task_release(Task& task);
// Enters the first task (the kernel has set tern_sched.current); never returns.
[[noreturn]] void start_first_task();

// Starts the periodic tick at config::tick_hz. The tick interrupt calls
// kernel::tick_announce(n) with the whole ticks elapsed by the hardware counter,
// so kernel time never drifts from the counter.
void tick_start();
// Called by the idle task with interrupts masked: stop the periodic tick, sleep until an
// interrupt or at most max_ticks, restart the tick aligned to the tick grid, and return
// the whole ticks that passed (the caller announces them).
Tick tickless_sleep(Tick max_ticks);
Tick tickless_max_ticks();
// Whole tick periods counted by the hardware time source since tick_start(), independent
// of the kernel's own count: what tests compare kernel time against. A port may extend a
// narrow counter only when this is read, so it must be read at least once per wrap of the
// board's counter (2^32 cycles: 171 s at mps2's 25 MHz).
Tick hardware_ticks();
// With interrupts masked: sleep until an interrupt is pending (WFI).
void wait_for_interrupt();

void console_write(const char* s, size_t n);
// Ends the program with a status: the test exit (semihosting on a board, exit() on host).
[[noreturn]] void exit(int status);
[[noreturn]] void reset();
[[noreturn]] void halt();

// CPU registers captured by a fault handler, in the port's own names. The names are one
// constant string ("r0 r1 ... pc "), a name and a space per value in order, so that a
// port's capture is a copy of words and the kernel's report a single loop.
struct FaultInfo {
    const char* what;   // e.g. "HardFault", "SIGSEGV"
    const char* names;  // "name " for each value
    const uint32_t* values;
    uint8_t count;
};

}  // namespace tern::port

// What a port calls in the kernel.
namespace tern::kernel {
struct SchedPointers {
    Task* current;  // the running task; ports save/restore its context at offset 0 (sp)
    Task* next;     // chosen by the scheduler; the switch makes it current
};
void tick_announce(Tick elapsed);
[[noreturn]] void task_exit();
// A CPU fault: reports the registers and the current task's name, then halts or resets.
[[noreturn]] void cpu_fault(const port::FaultInfo& info);
}  // namespace tern::kernel

extern "C" tern::kernel::SchedPointers tern_sched;
