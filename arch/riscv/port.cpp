// RISC-V port (RV32, machine mode): task frames, first-task start, the CLINT timer tick
// with tickless idle, software interrupts, fault capture (the reset code is startup.cpp).
//
// Time comes from the CLINT's 64-bit mtime, never from counting interrupts: the tick is a
// one-shot mtimecmp set to the next tick boundary, and each interrupt announces the whole
// ticks mtime says have passed. Boundaries sit on a rational grid, boundary(k) =
// start + ceil(k * mtime_hz / tick_hz), so a 32768 Hz mtime (sifive_e) gives a 1 kHz tick
// with no drift: 32 or 33 mtime cycles per tick, averaging exactly 32.768. Tickless idle
// just sets mtimecmp further out; the same timer wakes the WFI.
#include "tern/port.hpp"

#include <string.h>

#include "tern/board.hpp"
#include "tern/config.hpp"
#include "tern/port/clint.hpp"
#include "tern/task.hpp"

extern "C" {
uint8_t tern_riscv_no_switch;  // 8 from the first task on (tern_riscv_start_first)
volatile uint32_t tern_riscv_soft_pending;  // soft IRQs raised, not yet run
[[noreturn]] void tern_riscv_start_first(void* sp);
}

namespace tern::port {

namespace {

volatile uint32_t& reg(uintptr_t a) { return *reinterpret_cast<volatile uint32_t*>(a); }

constexpr uintptr_t msip = board::clint_base + clint::msip_offset;
constexpr uintptr_t mtimecmp_lo = board::clint_base + clint::mtimecmp_offset;
constexpr uintptr_t mtime_lo = board::clint_base + clint::mtime_offset;

constexpr uint32_t mip_msip = 1u << 3, mip_mtip = 1u << 7, mip_meip = 1u << 11;
constexpr uint64_t hz = board::mtime_hz;
constexpr uint64_t tick_hz = config::tick_hz;
// An integer number of mtime cycles per tick (riscv-virt: 10 MHz) keeps all arithmetic in
// 32 bits; otherwise (sifive_e: 32768 Hz) the grid is rational and uses 64-bit division.
constexpr bool whole_cycles = hz % tick_hz == 0;
constexpr uint32_t cycles_per_tick = static_cast<uint32_t>(hz / tick_hz);
static_assert(cycles_per_tick >= 2, "mtime too slow for the tick rate");

uint64_t start;       // mtime at tick 0
Tick announced;       // ticks announced to the kernel
uint64_t next_boundary;  // mtime of tick announced + 1

IrqHandler soft_handlers[soft_irq_count];
volatile uint32_t& soft_pending = tern_riscv_soft_pending;

uint64_t mtime() {
    uint32_t hi, lo;
    do {
        hi = reg(mtime_lo + 4);
        lo = reg(mtime_lo);
    } while (hi != reg(mtime_lo + 4));
    return (static_cast<uint64_t>(hi) << 32) | lo;
}

void set_mtimecmp(uint64_t v) {
    reg(mtimecmp_lo + 4) = 0xFFFFFFFFu;  // no spurious match while the halves change
    reg(mtimecmp_lo) = static_cast<uint32_t>(v);
    reg(mtimecmp_lo + 4) = static_cast<uint32_t>(v >> 32);
}

uint64_t boundary(Tick k) {
    if constexpr (whole_cycles) return start + static_cast<uint64_t>(k) * cycles_per_tick;
    return start + (static_cast<uint64_t>(k) * hz + tick_hz - 1) / tick_hz;
}

// Whole ticks that mtime says have passed since the last announcement; moves it forward.
Tick take_elapsed(uint64_t now) {
    if (now < next_boundary) return 0;
    Tick n;
    if constexpr (whole_cycles) {
        n = 1 + static_cast<uint32_t>(now - next_boundary) / cycles_per_tick;
    } else {
        n = static_cast<Tick>((now - start) * tick_hz / hz) - announced;
    }
    announced += n;
    next_boundary = boundary(announced + 1);
    return n;
}

}  // namespace

// Word indices into a full frame (trap.S): s0..s11 first, then what a trap saves itself
// (mstatus only when it reports a fault).
namespace frame {
constexpr int s0 = 0, mepc = 12, mstatus = 13, ra = 14, t0 = 15, a0 = 18, words = 32;
}

void* stack_init(Task&, uint8_t* base, size_t bytes, TaskEntry entry, void* arg) {
    uintptr_t top = (reinterpret_cast<uintptr_t>(base) + bytes) & ~uintptr_t{15};
    uint32_t* f = reinterpret_cast<uint32_t*>(top - frame::words * 4);
    memset(f, 0, frame::words * 4);
    f[frame::mepc] = reinterpret_cast<uint32_t>(entry);
    f[frame::ra] = reinterpret_cast<uint32_t>(&kernel::task_exit);  // entry returned
    f[frame::a0] = reinterpret_cast<uint32_t>(arg);
    return f;
}

void task_release(Task&) {}

[[noreturn]] void start_first_task() {
    // Interrupts are masked (mstatus.MIE = 0) until the first task's frame restores MPIE.
    tern_riscv_start_first(tern_sched.current->sp);
}

void tick_start() {
    start = mtime();
    announced = 0;
    next_boundary = boundary(1);
    set_mtimecmp(next_boundary);
    asm volatile("csrs mie, %0" ::"r"(mip_msip | mip_mtip | mip_meip));
}

Tick tickless_max_ticks() { return 0x3FFFFFFFu / cycles_per_tick; }

Tick tickless_sleep(Tick max_ticks) {
    set_mtimecmp(boundary(announced + max_ticks));
    asm volatile("wfi" ::: "memory");  // MIE clear: wakes on a pending interrupt, runs none
    Tick n = take_elapsed(mtime());
    set_mtimecmp(next_boundary);
    return n;
}

void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

Tick hardware_ticks() {
    uint64_t d = mtime() - start;
    if constexpr (whole_cycles) return static_cast<Tick>(d / cycles_per_tick);
    return static_cast<Tick>(d * tick_hz / hz);
}

void irq_attach(unsigned n, IrqHandler handler) {
    if (n < soft_irq_count) soft_handlers[n] = handler;
}

// No critical section: amoor.w sets the bit in one instruction, which an interrupt cannot
// split, and the trap's read-modify-write runs with nothing else running (one hart).
void irq_trigger(unsigned n) {
    if (n >= soft_irq_count) return;
    __atomic_fetch_or(&soft_pending, 1u << n, __ATOMIC_RELAXED);
    reg(msip) = 1;
}

void console_write(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) board::console_putc(s[i]);
}

[[noreturn]] void reset() { board::reset(); }

[[noreturn]] void halt() {
    irq_save();
    asm volatile("csrw mie, zero");
    for (;;) asm volatile("wfi");
}

}  // namespace tern::port

// ---- trap handlers (called from trap.S) ------------------------------------------

extern "C" void tern_riscv_interrupt(uint32_t mcause) {
    using namespace tern::port;
    switch (mcause & 0x7FFFFFFFu) {
    case 3: {  // machine software: only soft interrupts raise it
        // One handler per trap, the highest first, as a tail call: no loop to keep state
        // across calls in saved registers. With more pending, MSIP stays set and the next
        // trap, taken as soon as this one returns, runs the next.
        uint32_t p = soft_pending;
        if (p == 0) {
            reg(msip) = 0;
            return;
        }
        unsigned n = tern::port::highest_bit(p);
        p &= ~(1u << n);
        soft_pending = p;
        if (p == 0) reg(msip) = 0;  // a handler that raises one sets it again
        if (IrqHandler h = soft_handlers[n]) h();
        break;
    }
    case 7: {  // machine timer
        tern::Tick n = take_elapsed(mtime());
        set_mtimecmp(next_boundary);
        if (n != 0) tern::kernel::tick_announce(n);
        break;
    }
    case 11:  // machine external
        tern::board::external_irq();
        break;
    default:
        break;
    }
}

extern "C" [[noreturn]] void tern_fault_report(uint32_t mcause, const uint32_t* frame,
                                                uint32_t mtval) {
    using tern::port::FaultInfo;
    static const char* const names[] = {
        "InstructionMisalignedFault", "InstructionAccessFault", "IllegalInstructionFault",
        "BreakpointFault",            "LoadMisalignedFault",    "LoadAccessFault",
        "StoreMisalignedFault",       "StoreAccessFault",       "EcallFault",
    };
    static const char regs[] =
        "mepc mcause mtval mstatus ra sp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 ";
    namespace w = tern::port::frame;
    uint32_t v[19] = {frame[w::mepc],     mcause,
                      mtval,              frame[w::mstatus],
                      frame[w::ra],       reinterpret_cast<uint32_t>(frame) + w::words * 4,
                      frame[w::t0],       frame[w::t0 + 1],
                      frame[w::t0 + 2],   frame[w::s0],
                      frame[w::s0 + 1]};
    for (int i = 0; i < 8; ++i) v[11 + i] = frame[w::a0 + i];
    tern::kernel::cpu_fault(FaultInfo{mcause < 9 ? names[mcause] : "Fault", regs, v, 19});
}
