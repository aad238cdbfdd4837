// A counting semaphore for coroutines: permits are handed to waiters in FIFO order (a
// release with a waiter queued goes to that waiter, never to a newcomer).
// Coroutine (executor) context only; from an interrupt, use a Notify.
//
// Cancel safety: acquire() is strictly cancel-safe. A permit handed to an acquire() that is
// cancelled before it resumed is released again (to the next waiter, or the count).
#pragma once
#include <stdint.h>

#include "tern/async/op.hpp"

namespace tern::async {

class Semaphore {
  public:
    constexpr explicit Semaphore(uint32_t permits) : count_(permits) {}
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    class Acquire : public Op {
      public:
        explicit Acquire(Semaphore& s) : Op(&poll_fn), s_(&s) {}
        Acquire(const Acquire& o) : Op(o), s_(o.s_) {}
        ~Acquire() { poll_fn(*this, true); }
        void await_resume() {}

      private:
        friend class Semaphore;
        enum : uint8_t { idle = 0, waiting = 1, granted = 2 };
        static bool poll_fn(Op& o, bool cancel);
        Semaphore* s_;
    };

    Acquire acquire() { return Acquire(*this); }
    bool try_acquire();
    void release();
    uint32_t available() const { return count_; }

  private:
    List waiters_;
    uint32_t count_;
};

}  // namespace tern::async
