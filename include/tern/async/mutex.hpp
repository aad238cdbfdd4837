// A fair mutex for coroutines: waiters queue FIFO and unlock() hands ownership straight to
// the first of them, so a coroutine that unlocks and relocks cannot barge past a waiter.
// Coroutine (executor) context only.
//
//   auto guard = co_await m.lock();   // unlocked when guard is destroyed
//
// Cancel safety: lock() is strictly cancel-safe. If it is cancelled after ownership was
// handed to it but before it resumed, ownership passes on to the next waiter (or the mutex
// unlocks), exactly as if it had never queued. A completed lock() inside select that is
// never turned into a Guard (take()) unlocks when the Lock is destroyed.
#pragma once
#include "tern/async/op.hpp"

namespace tern::async {

class Mutex {
  public:
    constexpr Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    class Guard {
      public:
        Guard() = default;
        explicit Guard(Mutex& m) : m_(&m) {}
        Guard(Guard&& g) noexcept : m_(g.m_) { g.m_ = nullptr; }
        Guard& operator=(Guard&&) = delete;
        ~Guard() {
            if (m_ != nullptr) m_->unlock();
        }
        bool owns() const { return m_ != nullptr; }

      private:
        Mutex* m_ = nullptr;
    };

    class Lock : public Op {
      public:
        explicit Lock(Mutex& m) : Op(&poll_fn), m_(&m) {}
        Lock(const Lock& o) : Op(o), m_(o.m_) {}
        ~Lock() { poll_fn(*this, true); }
        // Ownership moves to the Guard.
        Guard await_resume() { return take(); }
        Guard take() {
            bool mine = state_ == owned;
            state_ = idle;
            return mine ? Guard(*m_) : Guard();
        }

      private:
        friend class Mutex;
        enum : uint8_t { idle = 0, waiting = 1, granted = 2, owned = 3 };
        static bool poll_fn(Op& o, bool cancel);
        Mutex* m_;
    };

    Lock lock() { return Lock(*this); }
    // Takes the mutex only when it is free and nobody waits.
    bool try_lock() {
        if (locked_) return false;
        locked_ = true;
        return true;
    }
    // Hands the mutex to the first waiter, or unlocks it.
    void unlock();
    bool locked() const { return locked_; }

  private:
    List waiters_;
    bool locked_ = false;
};

}  // namespace tern::async
