// Mutexes with priority inheritance, and condition variables.
//
// A mutex is owned by the task that locked it. While tasks wait for it, its owner runs
// at the highest priority among them (and, through chains, among the waiters of any
// mutex the owner itself waits for). A task holding several mutexes keeps the highest
// priority still owed to it; a waiter that times out, is deleted or changes priority
// makes its owner's priority be recomputed at once. Unlock hands the mutex directly to
// the highest-priority waiter (FIFO among equals).
//
// Recursion: a plain Mutex locked again by its owner returns Result::invalid (and stays
// locked once). RecursiveMutex counts nested locks; each lock needs its unlock.
// Mutexes are for tasks only: from an interrupt every call returns wrong_context.
#pragma once
#include <stdint.h>
#include "tern/result.hpp"
#include "tern/time.hpp"
#include "tern/wait_queue.hpp"

namespace tern {

struct Task;

class Mutex {
public:
    constexpr Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    // Re-initialises a mutex that is not in use (or was destroyed).
    void init();
    // Locks, waiting at most `timeout` ticks (no_wait polls, forever never gives up).
    // ok, timeout, would_block (poll found it locked), invalid (already owned by the
    // caller, non-recursive), deleted (destroyed while waiting), wrong_context.
    Result lock(Tick timeout = forever);
    Result try_lock() { return lock(no_wait); }
    // ok; invalid when the caller is not the owner; wrong_context from an interrupt.
    Result unlock();
    // Releases every waiter with Result::deleted; later calls return invalid until init().
    Result destroy();

    Task* owner() const;  // null when unlocked
    bool locked() const { return owner() != nullptr; }

protected:
    constexpr explicit Mutex(bool recursive) : recursive_(recursive) {}

private:
    friend struct MutexAccess;
    Result lock_slow(Tick timeout);
    Result unlock_slow();
    WaitQueue waiters_;
    Task* owner_ = nullptr;
    // The owner's list of mutexes that have (or had) waiters during this ownership: only
    // those can owe it priority, so an uncontended lock never touches the list.
    Mutex* next_held_ = nullptr;
    // depth_ and listed_ are adjacent bytes: the unlock hot path tests both in one load.
    uint8_t depth_ = 0;   // nested locks beyond the first (recursive only; at most 255)
    uint8_t listed_ = 0;  // on the owner's list
    bool recursive_ = false;
};

class RecursiveMutex : public Mutex {
public:
    constexpr RecursiveMutex() : Mutex(true) {}
};

// Condition variable: wait() atomically releases the mutex the caller holds and blocks;
// on return (whatever the result) the caller holds the mutex again.
class CondVar {
public:
    constexpr CondVar() = default;
    CondVar(const CondVar&) = delete;
    CondVar& operator=(const CondVar&) = delete;

    void init();
    // ok (signalled), timeout, deleted (the condvar was destroyed), invalid (the caller
    // does not hold m, or holds it recursively), wrong_context.
    Result wait(Mutex& m, Tick timeout = forever);
    // Wakes the highest-priority waiter / all waiters. ok even when nobody waits.
    Result signal();
    Result broadcast();
    Result destroy();

private:
    WaitQueue waiters_;
    bool dead_ = false;
};

}  // namespace tern
