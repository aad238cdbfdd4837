// Fault reports: a stack overflow stops one task; a CPU fault stops the system.
#include "sched.hpp"
#include "tern/fault.hpp"
#include "tern/print.hpp"

namespace tern {

namespace {
FaultHook fault_hook = nullptr;
}

void set_fault_hook(FaultHook hook) { fault_hook = hook; }

}  // namespace tern

namespace tern::kernel {

void report_stack_overflow(Task& t) {
    detach(t);
    t.state = TaskState::faulted;
    print("\r\ntern: stack overflow in task '%s' (stack %u bytes at %p); task stopped\r\n", t.name,
          static_cast<unsigned>(t.stack_bytes), static_cast<void*>(t.stack_base));
    if (fault_hook != nullptr) fault_hook(FaultReport{FaultKind::stack_overflow, &t, nullptr});
    reschedule();
}

void cpu_fault(const port::FaultInfo& info) {
    port::irq_save();
    Task* t = k.running ? current() : nullptr;
    print("\r\ntern: FAULT %s in task '%s'\r\n", info.what, t != nullptr ? t->name : "(none)");
    for (uint8_t i = 0; i < info.count; ++i) {
        print("  %-6s %08x%s", info.regs[i].name, static_cast<unsigned>(info.regs[i].value),
              (i % 4 == 3 || i + 1 == info.count) ? "\r\n" : "   ");
    }
    if (t != nullptr) t->state = TaskState::faulted;
    if (fault_hook != nullptr) fault_hook(FaultReport{FaultKind::cpu_fault, t, &info});
    if constexpr (config::fault_reset) {
        print("tern: resetting\r\n");
        port::reset();
    } else {
        print("tern: halted\r\n");
        port::halt();
    }
}

}  // namespace tern::kernel
