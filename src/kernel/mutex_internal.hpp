// Kernel-internal access to mutex internals, shared by mutex.cpp and condvar.cpp.
#pragma once
#include "sched.hpp"
#include "tern/mutex.hpp"

namespace tern {

struct MutexAccess {
    // The highest priority owed to t: its base, or the first waiter of a mutex it holds.
    static Priority owed(const Task& t);
    // Recomputes t's effective priority and follows the chain of owners while it changes.
    static void propagate(Task* t);
    // Raises the chain of owners starting at `owner` to at least p (a new waiter).
    static void boost(Task* owner, Priority p);
    // Puts m on / takes m off its owner's list (no-ops when already so).
    static void list(Mutex& m);
    static void unlist(Mutex& m);
    // m was taken off its owner's list: pass it to the first waiter (or free it).
    static void hand_over(Mutex& m);
    // The owner is gone (deleted or faulted) without releasing m.
    static bool owner_gone(const Mutex& m);
    // For CondVar::wait: the caller (owner, depth 0) releases m; priorities follow.
    static void release_for_wait(Mutex& m, Task& self);
    static const Mutex* next_held(const Mutex& m) { return m.next_held_; }
    static bool owned_once_by(const Mutex& m, const Task* self) {
        return self != nullptr && m.owner_ == self && m.depth_ == 0;
    }
};

}  // namespace tern
