// Notify: wakes every coroutine waiting on it. The one primitive meant for interrupts:
// notify() may be called from an ISR, a kernel task or a coroutine.
//
// Cancel safety: wait() and until() are strictly cancel-safe. They consume nothing, so
// dropping one and waiting again is the same as never having dropped it (a notify that
// happened in between is not replayed to the new wait(); until() re-checks its condition).
#pragma once
#include "tern/async/op.hpp"

namespace tern::async {

class Notify {
  public:
    constexpr Notify() = default;
    Notify(const Notify&) = delete;
    Notify& operator=(const Notify&) = delete;

    // Wakes all current waiters, each exactly (their own node goes to the ready list).
    void notify() { detail::wake_all(waiters_); }
    bool has_waiters() const { return !waiters_.empty(); }

    // Completes at the first notify() after it starts waiting (an edge).
    class Wait : public Op {
      public:
        explicit Wait(Notify& n) : Op(&poll_fn), n_(&n) {}
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel);
        Notify* n_;
    };

    // Completes when pred() is true; pred is re-checked at every notify() (a level).
    template <typename Pred>
    class Until : public Op {
      public:
        Until(Notify& n, Pred p) : Op(&poll_fn), n_(&n), pred_(p) {}
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& u = static_cast<Until&>(o);
            Masked m;
            if (cancel) {
                u.unlink();
                return false;
            }
            // Link before testing: if interrupts may preempt polls, a notify between the
            // test and the link would otherwise be lost.
            if (!u.linked()) u.n_->waiters_.push_back(u);
            if (!u.pred_()) return false;
            u.unlink();
            return true;
        }
        Notify* n_;
        Pred pred_;
    };

    Wait wait() { return Wait(*this); }
    template <typename Pred>
    Until<Pred> until(Pred p) {
        return Until<Pred>(*this, p);
    }

  private:
    List waiters_;
};

}  // namespace tern::async
