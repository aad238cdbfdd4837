// A CPU fault in a task prints the registers and the task's name.
#include <string.h>

#include "check.hpp"

using namespace tern;

namespace {
Task crasher, bystander;
Stack<1024> crasher_stack, bystander_stack;

void crasher_main(void*);

// The program counter the port captured, under its name on this port.
bool captured_pc(const port::FaultInfo& f, uint32_t& pc) {
    const char* name = f.names;
    bool found = false;
    for (unsigned i = 0; i < f.count; ++i) {
        const char* end = strchr(name, ' ');
        if (end == nullptr) return false;  // fewer names than values
        size_t n = static_cast<size_t>(end - name);
        if ((n == 2 && strncmp(name, "pc", 2) == 0) || (n == 4 && strncmp(name, "mepc", 4) == 0) ||
            (n == 3 && strncmp(name, "rip", 3) == 0)) {
            pc = f.values[i];
            found = true;
        }
        name = end + 1;
    }
    return found && *name == '\0';  // as many names as values
}

void on_fault(const FaultReport& r) {
    CHECK(r.kind == FaultKind::cpu_fault);
    CHECK(r.task == &crasher);
    CHECK(r.cpu != nullptr && r.cpu->count >= 8);
    uint32_t pc = 0;
    CHECK(r.cpu != nullptr && captured_pc(*r.cpu, pc));
    // The faulting store is inside crasher_main (the low 32 bits on a 64-bit host).
    uint32_t entry = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&crasher_main)) & ~1u;
    CHECK(pc - entry < 512);
    test::finish();
}

void crasher_main(void*) {
    delay(3);
    volatile uint32_t* bad = reinterpret_cast<volatile uint32_t*>(port::invalid_address);
    *bad = 0xDEAD;
    CHECK(false);
}

void bystander_main(void*) {
    for (;;) delay(1);
}
}  // namespace

int main() {
    test::test_name = "fault_report";
    set_fault_hook(on_fault);
    task_create(bystander, "bystander", bystander_main, nullptr, 2, bystander_stack);
    task_create(crasher, "crasher", crasher_main, nullptr, 3, crasher_stack);
    start();
}
