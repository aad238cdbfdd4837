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
    FaultInfo f{};
    f.what = signal_name(sig);
    auto add = [&f](const char* name, uint64_t v) {
        f.regs[f.count++] = {name, static_cast<uint32_t>(v)};
    };
    add("rip", static_cast<uint64_t>(g[REG_RIP]));
    add("rsp", static_cast<uint64_t>(g[REG_RSP]));
    add("rbp", static_cast<uint64_t>(g[REG_RBP]));
    add("addr", reinterpret_cast<uintptr_t>(info->si_addr));
    add("rax", static_cast<uint64_t>(g[REG_RAX]));
    add("rbx", static_cast<uint64_t>(g[REG_RBX]));
    add("rcx", static_cast<uint64_t>(g[REG_RCX]));
    add("rdx", static_cast<uint64_t>(g[REG_RDX]));
    add("rsi", static_cast<uint64_t>(g[REG_RSI]));
    add("rdi", static_cast<uint64_t>(g[REG_RDI]));
    add("efl", static_cast<uint64_t>(g[REG_EFL]));
    add("err", static_cast<uint64_t>(g[REG_ERR]));
    kernel::cpu_fault(f);
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
