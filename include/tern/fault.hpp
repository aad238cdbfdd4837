// Fault reporting: stack overflows caught at a switch and CPU faults caught by the port.
#pragma once
#include "tern/port.hpp"

namespace tern {

struct Task;

enum class FaultKind : uint8_t { stack_overflow, cpu_fault };

struct FaultReport {
    FaultKind kind;
    Task* task;                   // the task that faulted (nullptr: outside any task)
    const port::FaultInfo* cpu;   // registers, for cpu_fault
};

// Called after the kernel printed its report. For a stack overflow the task is already
// stopped and the system goes on; for a CPU fault, returning from the hook halts or
// resets as configured (config::fault_reset). Used by tests and by applications that log.
using FaultHook = void (*)(const FaultReport&);
void set_fault_hook(FaultHook hook);

}  // namespace tern
