// ARM semihosting: the way a test image tells QEMU its exit status.
#include "tern/port.hpp"

namespace tern::port {

namespace {
constexpr uint32_t sys_exit_extended = 0x20;
constexpr uint32_t adp_stopped_application_exit = 0x20026;
}  // namespace

[[noreturn]] void exit(int status) {
    uint32_t block[2] = {adp_stopped_application_exit, static_cast<uint32_t>(status)};
    register uint32_t r0 asm("r0") = sys_exit_extended;
    register uint32_t* r1 asm("r1") = block;
    asm volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
    for (;;) {
    }
}

}  // namespace tern::port
