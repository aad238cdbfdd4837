// RISC-V semihosting: the way a test image tells QEMU its exit status. The trap is the
// magic sequence slli/ebreak/srai, uncompressed and inside one aligned 16-byte block so
// the debugger (QEMU) can recognise it; a0 = operation, a1 = parameter block.
#include "tern/port.hpp"

namespace tern::port {

namespace {
constexpr uint32_t sys_exit_extended = 0x20;  // RV32: SYS_EXIT takes no status, this does
constexpr uint32_t adp_stopped_application_exit = 0x20026;
}  // namespace

[[noreturn]] void exit(int status) {
    static volatile uint32_t block[2];
    block[0] = adp_stopped_application_exit;
    block[1] = static_cast<uint32_t>(status);
    register uint32_t a0 asm("a0") = sys_exit_extended;
    register volatile uint32_t* a1 asm("a1") = block;
    asm volatile(
        ".option push\n\t"
        ".option norvc\n\t"
        ".balign 16\n\t"
        "slli x0, x0, 0x1f\n\t"
        "ebreak\n\t"
        "srai x0, x0, 7\n\t"
        ".option pop"
        :
        : "r"(a0), "r"(a1)
        : "memory");
    for (;;) {
    }
}

}  // namespace tern::port
