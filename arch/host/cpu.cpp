// Host port: a simulated single CPU made of threads.
//
// Exactly one task thread runs at any moment: a switch posts the next task's semaphore
// and parks the current one on its own. "Interrupts" are bits in `pending`, serviced by
// the running thread whenever it is unmasked: in irq_restore, or in the SIGUSR1 handler
// that the tick source sends it. A context switch (the PendSV of this port) is serviced
// the same way, after the interrupts, so switches happen exactly where they would on a
// Cortex-M: when interrupts open.
//
// Time is virtual. The hardware counter advances by one tick period per millisecond of
// real time while tasks compute, and jumps straight to the next event while the CPU
// idles, so sleeping costs no real time and timed tests are exact.
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

#include "tern/port.hpp"
#include "tern/task.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define TERN_ASAN_UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define TERN_ASAN_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace tern::port {

namespace {

constexpr uint32_t irq_tick = 1u << 0;
constexpr unsigned irq_soft_first = 1;
constexpr uint64_t counter_hz = 1000000;  // the virtual counter counts microseconds
constexpr uint64_t cycles_per_tick = counter_hz / config::tick_hz;

std::atomic<bool> masked{false};
std::atomic<uint32_t> pending{0};
std::atomic<bool> switch_requested{false};
std::atomic<Task*> running{nullptr};
std::atomic<uint64_t> counter{0};  // virtual hardware time
std::atomic<bool> tick_enabled{false};
std::atomic<uint32_t> handovers{0};  // switches so far, seen by the tick source
uint64_t announced = 0;  // counter value of the last tick boundary announced
int isr_depth = 0;
IrqHandler soft_handlers[soft_irq_count];
thread_local Task* self = nullptr;

void service();

void tick_isr() {
    uint64_t now = counter.load();
    Tick elapsed = static_cast<Tick>((now - announced) / cycles_per_tick);
    if (elapsed != 0) {
        announced += uint64_t{elapsed} * cycles_per_tick;
        kernel::tick_announce(elapsed);
    }
}

void run_isrs(uint32_t bits) {
    masked.store(true);
    ++isr_depth;
    if (bits & irq_tick) tick_isr();
    for (unsigned n = 0; n < soft_irq_count; ++n) {
        if ((bits & (1u << (irq_soft_first + n))) && soft_handlers[n] != nullptr) soft_handlers[n]();
    }
    --isr_depth;
    masked.store(false);
}

void* thread_main(void* p) {
    Task& t = *static_cast<Task*>(p);
    self = &t;
    t.port.tid = static_cast<int>(syscall(SYS_gettid));
    // A thread ends by jumping back here: unwinding would run destructors (and
    // terminate in noexcept ones) of kernel frames that must simply stop existing.
    if (sigsetjmp(t.port.exit_jump, 1) != 0) return nullptr;
    // Created from inside a tick handler, the thread inherits SIGUSR1 blocked.
    sigset_t tick;
    sigemptyset(&tick);
    sigaddset(&tick, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &tick, nullptr);
    masked.store(false);
    service();
    t.port.entry(t.port.arg);
    kernel::task_exit();
}

void start_thread(Task& t) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    uintptr_t lo = (reinterpret_cast<uintptr_t>(t.stack_base) + 15u) & ~uintptr_t{15};
    uintptr_t hi = (reinterpret_cast<uintptr_t>(t.stack_base) + t.stack_bytes) & ~uintptr_t{15};
    pthread_attr_setstack(&attr, reinterpret_cast<void*>(lo), hi - lo);
    t.port.started = true;
    int rc = pthread_create(&t.port.thread, &attr, thread_main, &t);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        static const char msg[] = "tern host: pthread_create failed\n";
        (void)!write(2, msg, sizeof msg - 1);
        _exit(70);
    }
}

// Hands the CPU to tern_sched.next and parks the calling thread until it is chosen again.
void do_switch() {
    switch_requested.store(false);
    Task* prev = tern_sched.current;
    Task* next = tern_sched.next;
    if (prev == next) return;
    tern_sched.current = next;
    handovers.fetch_add(1);
    running.store(next);
    if (next->port.started) {
        sem_post(&next->port.run);
    } else {
        start_thread(*next);
    }
    while (sem_wait(&prev->port.run) != 0 && errno == EINTR) {
    }
    if (prev->port.die) siglongjmp(prev->port.exit_jump, 1);
}

// Runs pending interrupts, then a pending switch; called by the running thread when
// it unmasks. Loops because an ISR or the switch-back may leave more work.
void service() {
    for (;;) {
        if (masked.load() || running.load() != self) return;
        uint32_t bits = pending.exchange(0);
        if (bits != 0) {
            run_isrs(bits);
            continue;
        }
        if (switch_requested.load()) {
            masked.store(true);
            do_switch();
            masked.store(false);
            continue;
        }
        return;
    }
}

// CPU time a task's thread has used, read through the Linux per-thread clock id
// (which, unlike a pthread_t, stays safe to use after the thread is gone).
uint64_t thread_cpu_ns(Task* t) {
    if (t == nullptr || t->port.tid == 0) return 0;
    clockid_t id = static_cast<clockid_t>((~static_cast<unsigned>(t->port.tid) << 3) | 6u);
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return 0;
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

void on_tick_signal(int) {
    int saved = errno;
    service();
    errno = saved;
}

void raise_irq(uint32_t bit) {
    pending.fetch_or(bit);
    Task* r = running.load();
    if (r != nullptr && r != self && r->port.tid != 0) {
        syscall(SYS_tgkill, getpid(), r->port.tid, SIGUSR1);
    }
}

}  // namespace

IrqState irq_save() { return masked.exchange(true) ? 1u : 0u; }

void irq_restore(IrqState s) {
    if (s == 0) {
        masked.store(false);
        service();
    }
}

bool in_isr() { return isr_depth != 0; }

void request_switch() { switch_requested.store(true); }

void irq_attach(unsigned n, IrqHandler handler) {
    if (n < soft_irq_count) soft_handlers[n] = handler;
}

void irq_trigger(unsigned n) {
    if (n >= soft_irq_count) return;
    if (self != nullptr && running.load() == self) {
        pending.fetch_or(1u << (irq_soft_first + n));
        service();  // taken at once when unmasked, as a real pended interrupt would be
    } else {
        raise_irq(1u << (irq_soft_first + n));
    }
}

void* stack_init(Task& t, uint8_t*, size_t, TaskEntry entry, void* arg) {
    t.port.entry = entry;
    t.port.arg = arg;
    t.port.started = false;
    t.port.die = false;
    t.port.tid = 0;
    sem_init(&t.port.run, 0, 0);
    return nullptr;  // the thread keeps its own stack pointer
}

void task_release(Task& t) {
    if (t.port.started && &t != self) {
        t.port.die = true;
        sem_post(&t.port.run);
        pthread_join(t.port.thread, nullptr);
        sem_destroy(&t.port.run);
        t.port.started = false;
    }
    if (t.stack_base != nullptr) TERN_ASAN_UNPOISON(t.stack_base, t.stack_bytes);
}

void tick_start() {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, nullptr);
    tick_enabled.store(true);
}

void install_fault_handlers();

[[noreturn]] void start_first_task() {
    install_fault_handlers();
    // This thread becomes the hardware: the tick source. SIGUSR1 is for task threads.
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &block, nullptr);
    masked.store(true);
    Task* first = tern_sched.current;
    running.store(first);
    start_thread(*first);
    // Virtual time moves with the running task's own CPU time, and only while one task
    // holds the CPU: a task that computes for a millisecond without a switch gets a tick
    // (that is what preempts a task that never blocks), while short bursts between
    // switches, or the host descheduling this process, take no virtual time. So timed
    // tests are exact even on a loaded machine.
    uint32_t seen = handovers.load();
    uint64_t baseline = 0;
    for (;;) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, nullptr);
        uint32_t h = handovers.load();
        uint64_t used = thread_cpu_ns(running.load());
        if (h != seen || !tick_enabled.load()) {
            seen = h;
            baseline = used;
            continue;
        }
        if (used - baseline < 1000000) continue;
        baseline = used;
        counter.fetch_add(cycles_per_tick);
        raise_irq(irq_tick);
    }
}

// Idle with the tick suppressed: the virtual clock jumps to the wake-up time at once.
Tick tickless_sleep(Tick max_ticks) {
    uint64_t wake = announced + uint64_t{max_ticks} * cycles_per_tick;
    uint64_t now = counter.load();
    while (now < wake && !counter.compare_exchange_weak(now, wake)) {
    }
    now = counter.load();
    Tick elapsed = static_cast<Tick>((now - announced) / cycles_per_tick);
    announced += uint64_t{elapsed} * cycles_per_tick;
    return elapsed;
}

Tick tickless_max_ticks() { return 0x7FFFFFFFu; }

Tick hardware_ticks() { return static_cast<Tick>(counter.load() / cycles_per_tick); }

// Idle with the tick running: skip to the next tick boundary (idle costs no real time).
void wait_for_interrupt() {
    if (pending.load() != 0) return;
    uint64_t next = announced + cycles_per_tick;
    uint64_t now = counter.load();
    while (now < next && !counter.compare_exchange_weak(now, next)) {
    }
    pending.fetch_or(irq_tick);
}

void console_write(const char* s, size_t n) {
    while (n > 0) {
        ssize_t w = write(1, s, n);
        if (w <= 0) {
            if (w < 0 && errno == EINTR) continue;
            return;
        }
        s += w;
        n -= static_cast<size_t>(w);
    }
}

[[noreturn]] void exit(int status) { _exit(status); }

[[noreturn]] void reset() {
    static const char msg[] = "tern host: reset requested; exiting with status 75\n";
    console_write(msg, sizeof msg - 1);
    _exit(75);
}

[[noreturn]] void halt() { _exit(3); }

}  // namespace tern::port
