// A CPU fault in a task prints the registers and the task's name.
#include <string.h>

#include "check.hpp"

using namespace tern;

namespace {
Task crasher, bystander;
Stack<1024> crasher_stack, bystander_stack;

void on_fault(const FaultReport& r) {
    CHECK(r.kind == FaultKind::cpu_fault);
    CHECK(r.task == &crasher);
    CHECK(r.cpu != nullptr && r.cpu->count >= 8);
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
