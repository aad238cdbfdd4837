// Cortex-M port: task frames, first-task start, the SysTick tick with tickless idle,
// software interrupts and fault capture.
//
// Time always comes from the board's free-running counter: the tick interrupt only says
// "look at the counter", so no interrupt latency or tickless sleep can make kernel time
// drift. SysTick is never reprogrammed after start (only its interrupt is switched off
// while idle), so its interrupts keep one phase, and the kernel's tick grid is set a
// quarter tick before it: every SysTick interrupt lands just after a grid boundary and
// announces exactly that tick, even when a critical section delays it a little.
//
// The idle task always sleeps through tickless_sleep, woken by the board's one-shot
// timer, never by SysTick: under QEMU -icount a WFI misses the first SysTick wrap and
// sleeps two periods (seen with QEMU 7.2), while the one-shot timer wakes it on time.
#include "tern/port.hpp"

#include "tern/board.hpp"
#include "tern/config.hpp"
#include "tern/port/nvic.hpp"
#include "tern/task.hpp"

extern "C" uint32_t __stack_top[];

namespace tern::port {

namespace {

struct SysTickRegs {
    volatile uint32_t ctrl, load, val, calib;
};
SysTickRegs& systick() { return *reinterpret_cast<SysTickRegs*>(0xE000E010u); }
volatile uint32_t& reg(uintptr_t a) { return *reinterpret_cast<volatile uint32_t*>(a); }

constexpr uint32_t shpr3 = 0xE000ED20u;
constexpr uint32_t systick_on = 7;      // enable, interrupt, processor clock
constexpr uint32_t systick_silent = 5;  // enable, processor clock, no interrupt

constexpr uint32_t cycles_per_tick = board::cpu_hz / config::tick_hz;
static_assert(board::cpu_hz == board::counter_hz, "counter and SysTick share the CPU clock");
static_assert(cycles_per_tick <= 0x1000000u, "tick period exceeds SysTick's 24 bits");

uint32_t announced;     // counter value at the last tick boundary announced
constexpr uint32_t grid_margin = cycles_per_tick / 4;
IrqHandler soft_handlers[soft_irq_count];

// hardware_ticks()'s own extension of the counter to 64 bits, apart from the kernel's
// time so that tests can compare the two; brought up to date only when it is read.
uint32_t hw_last;
uint64_t hw_cycles;

// Whole ticks since the last announcement, moving the announcement point forward.
Tick take_elapsed(uint32_t now) {
    Tick n = (now - announced) / cycles_per_tick;
    announced += n * cycles_per_tick;
    return n;
}

}  // namespace

// The software-saved part of a task's frame, below the hardware frame; its layout is the
// one the profile's switch file restores (arch/cortex-m/switch*.S).
#if defined(TERN_CM_V7EM_FP)
constexpr int sw_words = 9;  // r4-r11, EXC_RETURN (bit 4 set: no FP frame yet)
#elif defined(TERN_CM_V8M)
constexpr int sw_words = 9;  // r4-r11, PSPLIM
#else
constexpr int sw_words = 8;  // r4-r11
#endif

void* stack_init(Task&, uint8_t* base, size_t bytes, TaskEntry entry, void* arg) {
    uint32_t* top = reinterpret_cast<uint32_t*>(
        (reinterpret_cast<uintptr_t>(base) + bytes) & ~uintptr_t{7});
    // Every word of the first frame is written, not left as the stack's fill pattern: a
    // register holding the pattern would be saved as the pattern, and the high-water mark
    // would not see that part of the stack as used.
    uint32_t* hw = top - 8;
    hw[0] = reinterpret_cast<uint32_t>(arg);  // r0
    hw[1] = hw[2] = hw[3] = hw[4] = 0;        // r1-r3, r12
    hw[5] = reinterpret_cast<uint32_t>(&kernel::task_exit);  // lr: entry returned
    hw[6] = reinterpret_cast<uint32_t>(entry) & ~1u;         // pc
    hw[7] = 0x01000000u;                                     // xpsr: Thumb
    uint32_t* sp = hw - sw_words;
    for (int i = 0; i < 8; ++i) sp[i] = 0;  // r4-r11
#if defined(TERN_CM_V7EM_FP)
    sp[8] = 0xFFFFFFFDu;  // EXC_RETURN: thread mode, process stack, basic frame
#elif defined(TERN_CM_V8M)
    sp[8] = (reinterpret_cast<uint32_t>(base) + 7u) & ~7u;  // PSPLIM: the stack's bottom
#endif
    return sp;
}

void task_release(Task&) {}

[[noreturn]] void start_first_task() {
    // PendSV and SysTick at the lowest priority: a switch never preempts an ISR.
    reg(shpr3) |= 0xFFFF0000u;
#if defined(TERN_CM_V8M)
    // UsageFault enabled on its own, so a PSPLIM overflow reports as what it is rather
    // than escalating to HardFault (SHCSR.USGFAULTENA, BUSFAULTENA, MEMFAULTENA).
    reg(0xE000ED24u) |= (1u << 18) | (1u << 17) | (1u << 16);
#endif
    asm volatile(
        "msr msp, %0\n\t"  // the startup stack is no longer needed
        "cpsie i\n\t"
        "svc 0\n\t" ::"r"(__stack_top)
        : "memory");
    __builtin_unreachable();
}

void tick_start() {
    uint32_t now = board::counter();
    announced = hw_last = now - grid_margin;
    SysTickRegs& st = systick();
    st.ctrl = 0;
    st.load = cycles_per_tick - 1;
    st.val = 0;
    st.ctrl = systick_on;
}

Tick tickless_max_ticks() { return board::wake_timer_max_cycles / cycles_per_tick - 1; }

Tick tickless_sleep(Tick max_ticks) {
    SysTickRegs& st = systick();
    st.ctrl = systick_silent;
    uint32_t now = board::counter();
    uint32_t wait = announced + max_ticks * cycles_per_tick - now;
    if (wait == 0 || wait > board::wake_timer_max_cycles) wait = 1;  // already due
    board::wake_timer_arm(wait);
    asm volatile("dsb\n\twfi" ::: "memory");  // PRIMASK set: wakes, but no ISR runs yet
    board::wake_timer_disarm();
    st.ctrl = systick_on;
    return take_elapsed(board::counter());
}

void wait_for_interrupt() { asm volatile("dsb\n\twfi" ::: "memory"); }

Tick hardware_ticks() {
    IrqState s = irq_save();
    uint32_t now = board::counter();
    hw_cycles += now - hw_last;
    hw_last = now;
    uint64_t cycles = hw_cycles;
    irq_restore(s);
    return static_cast<Tick>(cycles / cycles_per_tick);
}

void irq_attach(unsigned n, IrqHandler handler) {
    if (n >= soft_irq_count) return;
    soft_handlers[n] = handler;
    nvic::enable(board::soft_irq_base + n);
}

void irq_trigger(unsigned n) {
    if (n >= soft_irq_count) return;
#if defined(TERN_CM_V6M)
    nvic::set_pending(board::soft_irq_base + n);  // ARMv6-M has no STIR
#else
    reg(0xE000EF00u) = board::soft_irq_base + n;  // NVIC STIR
#endif
}

void console_write(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) board::console_putc(s[i]);
}

[[noreturn]] void reset() {
    reg(0xE000ED0Cu) = 0x05FA0004u;  // AIRCR: VECTKEY | SYSRESETREQ
    for (;;) {
    }
}

[[noreturn]] void halt() {
    irq_save();
    for (;;) asm volatile("wfi");
}

}  // namespace tern::port

// ---- interrupt handlers --------------------------------------------------------

extern "C" void SysTick_Handler() {
    using namespace tern::port;
    IrqState s = irq_save();
    tern::Tick n = take_elapsed(tern::board::counter());
    if (n != 0) tern::kernel::tick_announce(n);
    irq_restore(s);
}

// Every external interrupt: the software-interrupt lines go to their attached handler.
extern "C" void tern_external_irq() {
    using namespace tern::port;
    uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    unsigned line = ipsr - 16;
    unsigned n = line - tern::board::soft_irq_base;
    if (n < soft_irq_count && soft_handlers[n] != nullptr) soft_handlers[n]();
}

extern "C" [[noreturn]] void tern_fault_report(const uint32_t* frame, const uint32_t* r4_r11,
                                                uint32_t exc_return) {
    // In the order the values are gathered: the hardware frame, r4-r11, then the fault's
    // context (fault status registers from CFSR to BFAR, which lie at consecutive words).
    static const char names[] =
        "r0 r1 r2 r3 r12 lr pc xpsr r4 r5 r6 r7 r8 r9 r10 r11 sp excret "
#if !defined(TERN_CM_V6M)  // ARMv6-M has no fault status registers (reading them faults)
        "cfsr hfsr dfsr mmfar bfar "
#endif
#if defined(TERN_CM_V8M)
        "psplim "
#endif
        ;
    static const char kinds[][11] = {"HardFault", "MemManage", "BusFault", "UsageFault"};
    uint32_t v[24];
    for (int i = 0; i < 8; ++i) {
        v[i] = frame[i];
        v[8 + i] = r4_r11[i];
    }
    v[16] = reinterpret_cast<uint32_t>(frame) + 32;
    v[17] = exc_return;
    unsigned n = 18;
#if !defined(TERN_CM_V6M)
    for (unsigned i = 0; i < 5; ++i) v[n++] = tern::port::reg(0xE000ED28u + 4 * i);
#endif
    uint32_t vect;
    asm volatile("mrs %0, ipsr" : "=r"(vect));
    const char* what = vect - 3 < 4 ? kinds[vect - 3] : "fault";  // vectors 3-6 lead here
#if defined(TERN_CM_V8M)
    asm volatile("mrs %0, psplim" : "=r"(v[n++]));
    if (v[18] & (1u << 20)) what = "StackLimitFault";  // UFSR.STKOF: PSPLIM crossed
#endif
    tern::kernel::cpu_fault({what, names, v, static_cast<uint8_t>(n)});
}
