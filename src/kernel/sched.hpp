// Kernel-internal scheduler interface, used by the task API and every kernel object.
#pragma once
#include "ready_queue.hpp"
#include "tern/task.hpp"
#include "tern/wait_queue.hpp"

namespace tern::kernel {

struct CriticalSection {
    [[gnu::always_inline]] CriticalSection() : saved(port::irq_save()) {}
    [[gnu::always_inline]] ~CriticalSection() { port::irq_restore(saved); }
    CriticalSection(const CriticalSection&) = delete;
    CriticalSection& operator=(const CriticalSection&) = delete;
    port::IrqState saved;
};

struct State {
    ReadyQueue ready;
    Task* timeouts;   // blocked tasks with a deadline, earliest first
    Task* registry;   // every live task
    Tick ticks;
    uint32_t switches;
    uint32_t slice_left;
    bool running;
};
extern State k;

inline Task* current() { return tern_sched.current; }

// Picks the highest ready task; when it is not the running one, checks the running
// task's stack guard and asks the port for a switch (taken when interrupts open).
void reschedule();

bool stack_guard_intact(const Task& t);
// Stops and reports the task whose guard is broken (fault.cpp), then reschedules.
void stack_guard_broken(Task& t);

// Makes `best` the next task, pending a switch if it is not the running one. The hot
// path of every switch: kept small and inlined.
[[gnu::always_inline]] inline void switch_to(Task* best) {
    Task* cur = tern_sched.current;
    if (best != cur) {
        if (config::stack_check && !stack_guard_intact(*cur)) {
            stack_guard_broken(*cur);
            return;
        }
        ++k.switches;
        port::request_switch();
    }
    tern_sched.next = best;
}

// Blocks the running task on q (may be null: a plain delay) for at most `timeout`
// ticks (forever = no deadline). Call inside a critical section with timeout != 0;
// the switch happens when the section ends, after which the result is
// current()->wait_result: ok (woken), timeout or deleted.
void block_current(WaitQueue* q, Tick timeout);

// Ends t's wait with result r and makes it ready (or suspended, if it was suspended
// while blocked). Does not reschedule: the caller does once it has woken all it wakes.
void wake(Task& t, Result r);

// Moves t to another effective priority, keeping every list it is on in order; when t
// waits for a mutex, the boost it gives the owner (and down the chain) follows.
void change_priority(Task& t, Priority p);
// The same without following the mutex chain (priority inheritance's own step).
void set_effective_priority(Task& t, Priority p);

// Priority inheritance hooks, installed by mutex.cpp the first time a mutex is contended
// (only then can a task have blocked_mutex or mutexes_held set), so that images without
// contended mutexes carry none of that code. Until then `pi_hooks` is null.
struct PiHooks {
    // t left a mutex's wait queue without getting it (timeout, delete): the owner's
    // priority is recomputed, down the chain.
    void (*waiter_left)(Task& t);
    // t's priority changed while it waits for a mutex: the owner chain follows.
    void (*waiter_moved)(Task& t);
    // t (deleted or faulted) still owns contended mutexes: each passes to its next waiter.
    void (*owner_gone)(Task& t);
    // t's effective priority = max(base, highest waiter of each mutex it holds), propagated.
    void (*recompute)(Task& t);
};
extern const PiHooks* pi_hooks;

// Removes t from the ready list, wait queue and timeout list: the first step of
// delete, suspend and fault handling.
void detach(Task& t);

void stack_fill(Task& t);
uint32_t stack_high_water(const Task& t);

// The guard is the lowest stack_guard_bytes of every stack, filled with the pattern;
// its top word is the first a downward overflow crosses, and one compare checks it.
inline constexpr uint32_t stack_fill_word = 0xA5A5A5A5u;
inline constexpr uint32_t stack_guard_bytes = 16;
[[gnu::always_inline, gnu::no_sanitize_address]] inline bool stack_guard_intact(const Task& t) {
    return reinterpret_cast<const uint32_t*>(t.stack_base)[stack_guard_bytes / 4 - 1] ==
           stack_fill_word;
}

}  // namespace tern::kernel
