// The scheduler: ready queue, timeouts, tick, idle, start.
#include "sched.hpp"

extern "C" {
tern::kernel::SchedPointers tern_sched;
}

namespace tern::kernel {

State k;
const PiHooks* pi_hooks = nullptr;

namespace {

void timeouts_insert(Task& t) {
    // Sorted by time remaining from now, so the list stays ordered across tick wrap.
    Tick remaining = t.wake - k.ticks;
    Task** link = &k.timeouts;
    Task* prev = nullptr;
    while (*link != nullptr && (*link)->wake - k.ticks <= remaining) {
        prev = *link;
        link = &(*link)->wait_next;
    }
    t.wait_next = *link;
    t.wait_prev = prev;
    if (*link != nullptr) (*link)->wait_prev = &t;
    *link = &t;
    t.timed = true;
}

void timeouts_remove(Task& t) {
    if (!t.timed) return;
    if (t.wait_prev != nullptr) {
        t.wait_prev->wait_next = t.wait_next;
    } else {
        k.timeouts = t.wait_next;
    }
    if (t.wait_next != nullptr) t.wait_next->wait_prev = t.wait_prev;
    t.timed = false;
}

}  // namespace

void reschedule() {
    if (!k.running) return;
    switch_to(k.ready.highest());
}

void block_current(WaitQueue* q, Tick timeout) {
    Task& t = *current();
    k.ready.remove(t);
    t.state = TaskState::blocked;
    t.wait_result = Result::timeout;
    if (q != nullptr) q->insert(t);
    if (timeout != forever) {
        t.wake = k.ticks + timeout;
        timeouts_insert(t);
    }
    reschedule();
}

namespace {
// Ends whatever wait t is in: its wait queue (telling priority inheritance, whose chain
// may have been boosted by t) and the timeout list.
void leave_wait(Task& t) {
    if (t.waiting_on != nullptr) {
        t.waiting_on->remove(t);
        if (t.blocked_mutex != nullptr) pi_hooks->waiter_left(t);
    }
    timeouts_remove(t);
}
}  // namespace

void wake(Task& t, Result r) {
    leave_wait(t);
    t.wait_result = r;
    if (t.is_suspended) {
        t.state = TaskState::suspended;
    } else {
        t.state = TaskState::ready;
        k.ready.insert_tail(t);
    }
}

void detach(Task& t) {
    if (t.state == TaskState::ready) k.ready.remove(t);
    leave_wait(t);
    if (t.mutexes_held != nullptr) pi_hooks->owner_gone(t);
}

void change_priority(Task& t, Priority p) {
    set_effective_priority(t, p);
    if (t.blocked_mutex != nullptr) pi_hooks->waiter_moved(t);
}

void set_effective_priority(Task& t, Priority p) {
    if (t.priority == p) return;
    if (t.state == TaskState::ready) {
        k.ready.remove(t);
        t.priority = p;
        k.ready.insert_tail(t);
    } else if (t.waiting_on != nullptr) {
        WaitQueue* q = t.waiting_on;
        q->remove(t);
        t.priority = p;
        q->insert(t);
    } else {
        t.priority = p;
    }
}

void tick_announce(Tick elapsed) {
    k.ticks += elapsed;
    if constexpr (config::task_stats) current()->run_ticks += elapsed;
    while (k.timeouts != nullptr && !tick_before(k.ticks, k.timeouts->wake)) {
        wake(*k.timeouts, Result::timeout);
    }
    if constexpr (config::time_slice_ticks != 0) {
        if (k.slice_left <= elapsed) {
            k.slice_left = config::time_slice_ticks;
            Task* cur = current();
            if (cur->state == TaskState::ready && k.ready.head(cur->priority) == cur) {
                k.ready.rotate(cur->priority);
            }
        } else {
            k.slice_left -= elapsed;
        }
    }
    reschedule();
}

// ---- idle -------------------------------------------------------------------

namespace {

Task idle_task;
Stack<config::idle_stack_bytes> idle_stack;
// start() cannot report a failure to create the idle task, so what would fail is refused
// here (task_create wants at least the port's minimum once aligned to 8 bytes).
static_assert(sizeof idle_stack >= port::min_stack_bytes && sizeof idle_stack % 8 == 0,
              "TERN_CFG_IDLE_STACK_BYTES is below the port's minimum stack (port::min_stack_bytes)");

[[noreturn]] void idle_main(void*) {
    for (;;) {
        port::IrqState s = port::irq_save();
        bool alone = tern_sched.next == current();
        if (config::tickless_idle && alone) {
            Tick until = k.timeouts ? k.timeouts->wake - k.ticks : forever;
            Tick cap = port::tickless_max_ticks();
            if (until > cap) until = cap;
            Tick slept = port::tickless_sleep(until);
            if (slept != 0) tick_announce(slept);
        } else if (alone) {
            port::wait_for_interrupt();
        }
        port::irq_restore(s);
    }
}

}  // namespace

bool is_idle(const Task& t) { return &t == &idle_task; }

}  // namespace tern::kernel

namespace tern {

using namespace kernel;

// Before start() there is no current task to rotate or block, and an interrupt is not a
// task: both are refused instead of dereferencing a task that is not there.
Result yield() {
    if (!k.running || port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    switch_to(k.ready.rotate_from(*current()));
    return Result::ok;
}

Result delay(Tick ticks) {
    if (ticks == 0) return yield();
    if (!k.running || port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    block_current(nullptr, ticks);
    return Result::ok;
}

Result delay_until(Tick& last_wake, Tick period) {
    if (!k.running || port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    Tick target = last_wake + period;
    last_wake = target;
    if (!tick_before(k.ticks, target)) return Result::would_block;
    block_current(nullptr, target - k.ticks);
    return Result::ok;
}

Tick now() {
    CriticalSection cs;
    return k.ticks;
}

bool started() { return k.running; }

void system_stats(SystemStats& out) {
    CriticalSection cs;
    out.uptime_ticks = k.ticks;
    out.context_switches = k.switches;
    out.idle_permille =
        k.ticks ? static_cast<uint32_t>(uint64_t{idle_task.run_ticks} * 1000 / k.ticks) : 0;
    uint32_t n = 0;
    for (Task* t = k.registry; t != nullptr; t = t->registry_next) ++n;
    out.task_count = n;
}

void start() {
    port::irq_save();  // interrupts stay masked until the first task runs
    task_create(idle_task, "idle", idle_main, nullptr, priority_idle, idle_stack);
    k.slice_left = config::time_slice_ticks;
    tern_sched.current = tern_sched.next = k.ready.highest();
    k.running = true;
    port::tick_start();
    port::start_first_task();
}

}  // namespace tern
