// Time for coroutines, in kernel ticks (tern::now()). Deadlines are held in the executor's
// sorted list and reach the kernel as the timeout of the executor task's wait, so an idle
// system sleeps tickless until the earliest one.
//
// Cancel safety: sleep_for/sleep_until are strictly cancel-safe (nothing is consumed; a
// sleep_for restarted after a cancel counts from its new start, as any new sleep would).
// PeriodicGate::next() is strictly cancel-safe: the gate advances only when next()
// completes, so a cancelled next() leaves the schedule untouched.
#pragma once
#include "tern/async/op.hpp"
#include "tern/task.hpp"

namespace tern::async {

class SleepUntil : public detail::Timed {
  public:
    explicit SleepUntil(Tick deadline) : Timed(&poll_fn, deadline) {}
    void await_resume() {}

  private:
    static bool poll_fn(Op& o, bool cancel);
};

// Completes once tern::now() has reached `deadline` (at once if it has already).
inline SleepUntil sleep_until(Tick deadline) {
    return SleepUntil(deadline);
}
// Completes `ticks` after this call.
inline SleepUntil sleep_for(Tick ticks) {
    return SleepUntil(tern::now() + ticks);
}

// Fires every `period` ticks on a fixed grid: the schedule never drifts, however long the
// work between gates takes. When the caller is late, next() completes at once and the
// gate advances one period, so missed periods are caught up one by one.
class PeriodicGate {
  public:
    explicit PeriodicGate(Tick period) : next_(tern::now() + period), period_(period) {}

    class Next : public detail::Timed {
      public:
        explicit Next(PeriodicGate& g) : Timed(&poll_fn, g.next_), gate_(&g) {}
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel);
        PeriodicGate* gate_;
    };

    Next next() { return Next(*this); }
    Tick deadline() const { return next_; }

  private:
    Tick next_;
    Tick period_;
};

}  // namespace tern::async
