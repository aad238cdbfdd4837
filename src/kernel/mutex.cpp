// Mutexes with priority inheritance (chains, several held mutexes, waiters leaving).
#include "mutex_internal.hpp"

namespace tern {

using namespace kernel;

namespace {
// The owner of a destroyed mutex: never a task, so lock/unlock take their slow paths.
Task* dead_owner() { return reinterpret_cast<Task*>(alignof(Task)); }
}  // namespace

Priority MutexAccess::owed(const Task& t) {
    Priority p = t.base_priority;
    for (const Mutex* m = t.mutexes_held; m != nullptr; m = m->next_held_) {
        const Task* w = m->waiters_.first();
        if (w != nullptr && w->priority > p) p = w->priority;
    }
    return p;
}

void MutexAccess::propagate(Task* t) {
    // Bounded: a deadlock cycle settles once no priority changes; the bound is a backstop.
    for (unsigned hops = 0; t != nullptr && hops < config::priority_levels; ++hops) {
        Priority p = owed(*t);
        if (p == t->priority) return;
        set_effective_priority(*t, p);
        Mutex* next = t->blocked_mutex;
        t = next != nullptr ? next->owner_ : nullptr;
        if (t == dead_owner()) return;
    }
}

void MutexAccess::boost(Task* t, Priority p) {
    for (unsigned hops = 0; t != nullptr && hops < config::priority_levels; ++hops) {
        if (t->priority >= p) return;
        set_effective_priority(*t, p);
        Mutex* next = t->blocked_mutex;
        t = next != nullptr ? next->owner_ : nullptr;
        if (t == dead_owner()) return;
    }
}

void MutexAccess::held_push(Task& t, Mutex& m) {
    m.owner_ = &t;
    m.next_held_ = t.mutexes_held;
    t.mutexes_held = &m;
}

void MutexAccess::held_remove(Task& t, Mutex& m) {
    Mutex** link = &t.mutexes_held;
    while (*link != nullptr && *link != &m) link = &(*link)->next_held_;
    if (*link != nullptr) *link = m.next_held_;
    m.next_held_ = nullptr;
}

void MutexAccess::hand_over(Mutex& m) {
    m.depth_ = 0;
    Task* w = m.waiters_.first();
    if (w == nullptr) {
        m.owner_ = nullptr;
        return;
    }
    w->blocked_mutex = nullptr;  // leaves with the mutex: no boost to undo
    wake(*w, Result::ok);
    held_push(*w, m);
    // The new owner was the highest waiter, so what the others owe it is already covered.
}

void MutexAccess::release_for_wait(Mutex& m, Task& self) {
    held_remove(self, m);
    hand_over(m);
    propagate(&self);
}

// ---- hooks called by the scheduler ----------------------------------------------------

namespace kernel {

void mutex_waiter_left(Task& t) {
    Mutex* m = t.blocked_mutex;
    t.blocked_mutex = nullptr;
    Task* owner = m->owner();
    if (owner != nullptr) MutexAccess::propagate(owner);
}

void mutex_waiter_moved(Task& t) {
    Task* owner = t.blocked_mutex->owner();
    if (owner != nullptr) MutexAccess::propagate(owner);
}

void mutex_owner_gone(Task& t) {
    // The task will never run again: each mutex passes to its next waiter (who gets ok).
    while (Mutex* m = t.mutexes_held) {
        MutexAccess::held_remove(t, *m);
        MutexAccess::hand_over(*m);
    }
}

void priority_recompute(Task& t) { MutexAccess::propagate(&t); }

}  // namespace kernel

// ---- Mutex --------------------------------------------------------------------------

void Mutex::init() {
    CriticalSection cs;
    waiters_ = WaitQueue{};
    owner_ = nullptr;
    next_held_ = nullptr;
    depth_ = 0;
}

Result Mutex::lock(Tick timeout) {
    Task* self = current();
    if (port::in_isr() || self == nullptr) return Result::wrong_context;
    {
        CriticalSection cs;
        if (owner_ == nullptr) {
            owner_ = self;
            next_held_ = self->mutexes_held;
            self->mutexes_held = this;
            return Result::ok;
        }
        if (owner_ == self) {
            if (!recursive_ || depth_ == 0xFFFF) return Result::invalid;
            ++depth_;
            return Result::ok;
        }
        if (owner_ == dead_owner()) return Result::invalid;
        if (timeout == no_wait) return Result::would_block;
        self->blocked_mutex = this;
        MutexAccess::boost(owner_, self->priority);
        block_current(&waiters_, timeout);
    }
    return current()->wait_result;
}

Result Mutex::unlock() {
    Task* self = current();
    if (port::in_isr() || self == nullptr) return Result::wrong_context;
    CriticalSection cs;
    if (owner_ != self) return Result::invalid;
    if (depth_ != 0) {
        --depth_;
        return Result::ok;
    }
    if (self->mutexes_held == this) {
        self->mutexes_held = next_held_;
        next_held_ = nullptr;
    } else {
        MutexAccess::held_remove(*self, *this);
    }
    if (waiters_.empty()) {
        owner_ = nullptr;  // no waiter, so no boost came from this mutex
        return Result::ok;
    }
    MutexAccess::hand_over(*this);
    MutexAccess::propagate(self);  // drop what this mutex's waiters were owed
    reschedule();
    return Result::ok;
}

Result Mutex::destroy() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (owner_ == dead_owner()) return Result::invalid;
    while (Task* w = waiters_.first()) {
        w->blocked_mutex = nullptr;
        wake(*w, Result::deleted);
    }
    if (Task* o = owner_) {
        MutexAccess::held_remove(*o, *this);
        MutexAccess::propagate(o);
    }
    owner_ = dead_owner();
    depth_ = 0;
    reschedule();
    return Result::ok;
}

Task* Mutex::owner() const { return owner_ == dead_owner() ? nullptr : owner_; }

}  // namespace tern
