// Host port: CPU faults are signals. The handler reports the x86-64 registers from the
// signal context and the current task through the kernel, like a HardFault on a chip.
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "tern/port.hpp"

namespace tern::port {

namespace {

const char* signal_name(int sig) {
    switch (sig) {
        case SIGSEGV: return "SIGSEGV";
        case SIGBUS: return "SIGBUS";
        case SIGILL: return "SIGILL";
        case SIGFPE: return "SIGFPE";
    }
    return "signal";
}

void on_fault(int sig, siginfo_t* info, void* context) {
    const auto* uc = static_cast<const ucontext_t*>(context);
    const greg_t* g = uc->uc_mcontext.gregs;
    // The low 32 bits of each register: the report is the same shape on every port.
    static const char names[] = "rip rsp rbp addr rax rbx rcx rdx rsi rdi efl err ";
    const uint32_t v[] = {
        static_cast<uint32_t>(g[REG_RIP]),
        static_cast<uint32_t>(g[REG_RSP]),
        static_cast<uint32_t>(g[REG_RBP]),
        static_cast<uint32_t>(reinterpret_cast<uintptr_t>(info->si_addr)),
        static_cast<uint32_t>(g[REG_RAX]),
        static_cast<uint32_t>(g[REG_RBX]),
        static_cast<uint32_t>(g[REG_RCX]),
        static_cast<uint32_t>(g[REG_RDX]),
        static_cast<uint32_t>(g[REG_RSI]),
        static_cast<uint32_t>(g[REG_RDI]),
        static_cast<uint32_t>(g[REG_EFL]),
        static_cast<uint32_t>(g[REG_ERR]),
    };
    kernel::cpu_fault(FaultInfo{signal_name(sig), names, v, sizeof v / sizeof v[0]});
}

}  // namespace

void install_fault_handlers() {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
    for (int sig : signals) sigaction(sig, &sa, nullptr);
}

}  // namespace tern::port
