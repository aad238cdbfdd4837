// Mutexes with priority inheritance (chains, several held mutexes, waiters leaving).
#include <string.h>

#include "hot.hpp"
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

void MutexAccess::list(Mutex& m) {
    if (m.listed_ != 0) return;
    Task& o = *m.owner_;
    m.next_held_ = o.mutexes_held;
    o.mutexes_held = &m;
    m.listed_ = 1;
}

void MutexAccess::unlist(Mutex& m) {
    if (m.listed_ == 0) return;
    Mutex** link = &m.owner_->mutexes_held;
    while (*link != nullptr && *link != &m) link = &(*link)->next_held_;
    if (*link != nullptr) *link = m.next_held_;
    m.next_held_ = nullptr;
    m.listed_ = 0;
}

bool MutexAccess::owner_gone(const Mutex& m) {
    TaskState s = m.owner_->state;
    return s == TaskState::deleted || s == TaskState::faulted;
}

void MutexAccess::hand_over(Mutex& m) {
    m.depth_ = 0;
    m.listed_ = 0;
    Task* w = m.waiters_.first();
    if (w == nullptr) {
        m.owner_ = nullptr;
        return;
    }
    w->blocked_mutex = nullptr;  // leaves with the mutex: no boost to undo
    wake(*w, Result::ok);
    m.owner_ = w;
    // The new owner was the highest waiter, so what the others owe it is already covered;
    // they stay listed so that it is recomputed when they leave.
    if (!m.waiters_.empty()) list(m);
}

void MutexAccess::release_for_wait(Mutex& m, Task& self) {
    unlist(m);
    hand_over(m);
    propagate(&self);
}

// ---- hooks called by the scheduler ----------------------------------------------------

namespace {

void waiter_left(Task& t) {
    Mutex* m = t.blocked_mutex;
    t.blocked_mutex = nullptr;
    Task* owner = m->owner();
    if (owner != nullptr) MutexAccess::propagate(owner);
}

void waiter_moved(Task& t) {
    Task* owner = t.blocked_mutex->owner();
    if (owner != nullptr) MutexAccess::propagate(owner);
}

void owner_gone(Task& t) {
    // The task will never run again: each mutex passes to its next waiter (who gets ok).
    // (Mutexes without waiters are not on its list: their next locker takes them over.)
    while (Mutex* m = t.mutexes_held) {
        MutexAccess::unlist(*m);
        MutexAccess::hand_over(*m);
    }
}

void recompute(Task& t) { MutexAccess::propagate(&t); }

constexpr kernel::PiHooks hooks{waiter_left, waiter_moved, owner_gone, recompute};

}  // namespace


// ---- Mutex --------------------------------------------------------------------------

void Mutex::init() {
    CriticalSection cs;
    waiters_ = WaitQueue{};
    owner_ = nullptr;
    next_held_ = nullptr;
    depth_ = 0;
    listed_ = 0;
}

// Hot paths: an uncontended lock, and an unlock with no waiter ever during this ownership,
// each a few instructions in one short critical section; the rest is out of line. (Before
// start() there is no current task: both are harmless no-ops then.)
TERN_HOT Result Mutex::lock(Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    port::IrqState s = port::irq_save();
    if (owner_ == nullptr) {
        owner_ = current();
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
    return lock_slow(timeout);
}

[[gnu::noinline]] Result Mutex::lock_slow(Tick timeout) {
    Task* self = current();
    if (self == nullptr) return Result::wrong_context;
    {
        CriticalSection cs;
        if (owner_ == nullptr) {
            owner_ = self;
            return Result::ok;
        }
        if (owner_ == self) {
            if (!recursive_ || depth_ == 0xFF) return Result::invalid;
            ++depth_;
            return Result::ok;
        }
        if (owner_ == dead_owner()) return Result::invalid;
        if (MutexAccess::owner_gone(*this)) {  // deleted while holding it uncontended
            owner_ = self;
            depth_ = 0;
            return Result::ok;
        }
        if (timeout == no_wait) return Result::would_block;
        kernel::pi_hooks = &hooks;      // the scheduler's part of priority inheritance
        MutexAccess::list(*this);  // from now on the owner may owe priority to it
        self->blocked_mutex = this;
        MutexAccess::boost(owner_, self->priority);
        block_current(&waiters_, timeout);
    }
    return current()->wait_result;
}

TERN_HOT Result Mutex::unlock() {
    if (port::in_isr()) return Result::wrong_context;
    port::IrqState s = port::irq_save();
    static_assert(offsetof(Mutex, listed_) == offsetof(Mutex, depth_) + 1);
    uint16_t depth_or_listed;
    memcpy(&depth_or_listed, &depth_, sizeof depth_or_listed);
    uintptr_t other = reinterpret_cast<uintptr_t>(owner_) ^ reinterpret_cast<uintptr_t>(current());
    if ((other | depth_or_listed) == 0) {  // owned by the caller, not nested, never contended
        owner_ = nullptr;
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
    return unlock_slow();
}

[[gnu::noinline]] Result Mutex::unlock_slow() {
    Task* self = current();
    CriticalSection cs;
    if (owner_ != self || self == nullptr) return Result::invalid;
    if (depth_ != 0) {
        --depth_;
        return Result::ok;
    }
    if (listed_ == 0) {
        owner_ = nullptr;
        return Result::ok;
    }
    MutexAccess::unlist(*this);
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
        MutexAccess::unlist(*this);
        MutexAccess::propagate(o);
    }
    owner_ = dead_owner();
    depth_ = 0;
    reschedule();
    return Result::ok;
}

bool storage_in_use(const void* storage, size_t bytes) {
    auto inside = [&](const void* p) {
        uintptr_t a = reinterpret_cast<uintptr_t>(p), lo = reinterpret_cast<uintptr_t>(storage);
        return a >= lo && a - lo < bytes;
    };
    CriticalSection cs;
    for (Task* t = k.registry; t != nullptr; t = t->registry_next) {
        if (t->waiting_on != nullptr && inside(t->waiting_on)) return true;
        for (const Mutex* m = t->mutexes_held; m != nullptr; m = MutexAccess::next_held(*m))
            if (inside(m)) return true;
    }
    return false;
}

Task* Mutex::owner() const { return owner_ == dead_owner() ? nullptr : owner_; }

}  // namespace tern
