// Handoff: a rendezvous. push(v) waits until a pop() takes v; pop() waits for a push(v).
// Nothing is stored in the Handoff itself: the value goes from the pusher's Op straight to
// the popper's. Coroutine (executor) context only.
//
// The copy is always made by the popper, in its own poll: a pusher that finds a popper
// waiting only wakes it. So an op that is cancelled before it completes has changed nothing.
//
// Cancel safety:
//  - pop(): strictly cancel-safe.
//  - push(v): strictly cancel-safe until a popper has taken v; a push cancelled after that
//    (taken but not yet resumed) has delivered v. Weak in that one window: the value was
//    delivered, and retrying the push would deliver it twice. taken() tells which.
#pragma once
#include "tern/async/op.hpp"

namespace tern::async {

template <typename T>
class Handoff {
  public:
    constexpr Handoff() = default;
    Handoff(const Handoff&) = delete;
    Handoff& operator=(const Handoff&) = delete;

    class Push : public Op {
      public:
        Push(Handoff& h, const T& v) : Op(&poll_fn), h_(&h), v_(v) {}
        Push(const Push& o) : Op(o), h_(o.h_), v_(o.v_) {}
        void await_resume() {}
        bool taken() const { return state_ == 2; }

      private:
        friend class Handoff;
        static bool poll_fn(Op& o, bool cancel) {
            auto& p = static_cast<Push&>(o);
            if (cancel) {
                Masked m;
                p.unlink();
                return false;
            }
            if (p.state_ == 2) return true;
            if (!p.linked()) {
                p.h_->pushers_.push_back(p);
                p.state_ = 1;
                detail::wake_all(p.h_->poppers_);  // a popper takes v in its own poll
            }
            return false;
        }
        Handoff* h_;
        T v_;
    };

    class Pop : public Op {
      public:
        explicit Pop(Handoff& h) : Op(&poll_fn), h_(&h) {}
        Pop(const Pop& o) : Op(o), h_(o.h_) {}
        T await_resume() { return v_; }
        T& value() { return v_; }

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& p = static_cast<Pop&>(o);
            Masked m;
            if (cancel) {
                p.unlink();
                return false;
            }
            if (Node* n = p.h_->pushers_.front()) {
                auto& from = static_cast<Push&>(*n);
                p.v_ = from.v_;
                from.state_ = 2;
                detail::make_ready(from);
                p.unlink();
                return true;
            }
            if (!p.linked()) p.h_->poppers_.push_back(p);
            return false;
        }
        Handoff* h_;
        T v_{};
    };

    Push push(const T& v) { return Push(*this, v); }
    Pop pop() { return Pop(*this); }

  private:
    List pushers_;
    List poppers_;
};

}  // namespace tern::async
