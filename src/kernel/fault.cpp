// Fault reports: a stack overflow stops one task; a CPU fault stops the system.
// Reports are written with two tiny helpers rather than print(), so that an image which
// never formats text does not carry a printf just for its fault handler.
#include <string.h>

#include "sched.hpp"
#include "tern/fault.hpp"

namespace tern {

namespace {
FaultHook fault_hook = nullptr;
}

void set_fault_hook(FaultHook hook) { fault_hook = hook; }

}  // namespace tern

namespace tern::kernel {

namespace {

void out(const char* s) { port::console_write(s, strlen(s)); }

void out_hex(uint32_t v) {
    char text[8];
    for (int i = 7; i >= 0; --i, v >>= 4) text[i] = "0123456789abcdef"[v & 0xF];
    port::console_write(text, sizeof text);
}

// "\r\ntern: <what> in task '<name>'"
void out_task(const char* what, const char* name) {
    out("\r\ntern: ");
    out(what);
    out(" in task '");
    out(name);
    out("'");
}

}  // namespace

// The running task's guard was found overwritten at a switch (switch_to). A live task is
// stopped and reported; one already stopped, or deleting itself, is on its way out. Either
// way the guard word is written back, so that the switch away from the task goes ahead.
[[gnu::no_sanitize_address]] void stack_guard_broken(Task& t) {
    reinterpret_cast<uint32_t*>(t.stack_base)[stack_guard_bytes / 4 - 1] = stack_fill_word;
    if (t.state != TaskState::deleted && t.state != TaskState::faulted) {
        detach(t);
        t.state = TaskState::faulted;
        out_task("stack overflow", t.name);
        out("; task stopped\r\n");
        if (fault_hook != nullptr) fault_hook(FaultReport{FaultKind::stack_overflow, &t, nullptr});
    }
    reschedule();
}

void cpu_fault(const port::FaultInfo& info) {
    port::irq_save();
    Task* t = k.running ? current() : nullptr;
    out_task(info.what, t != nullptr ? t->name : "(none)");
    const char* name = info.names;
    for (uint8_t i = 0; i < info.count; ++i) {
        out(i % 4 == 0 ? "\r\n  " : "  ");
        size_t n = 0;
        while (name[n++] != ' ') {
        }
        port::console_write(name, n);  // the name and its space
        out_hex(info.values[i]);
        name += n;
    }
    out("\r\n");
    if (t != nullptr) t->state = TaskState::faulted;
    if (fault_hook != nullptr) fault_hook(FaultReport{FaultKind::cpu_fault, t, &info});
    if constexpr (config::fault_reset) {
        out("tern: resetting\r\n");
        port::reset();
    } else {
        out("tern: halted\r\n");
        port::halt();
    }
}

}  // namespace tern::kernel
