// Watch: one value that many coroutines observe. send() replaces the value and wakes every
// receiver; a receiver sees the latest value, never a queue of old ones. send() may be
// called from a coroutine, a kernel task or an interrupt (T is copied with interrupts
// masked; keep it small).
//
//   auto rx = watch.subscribe();
//   for (;;) { co_await rx.changed(); use(rx.get()); }
//
// Cancel safety: changed() is strictly cancel-safe: it consumes nothing (only get() marks
// the value seen).
#pragma once
#include <stdint.h>

#include "tern/async/op.hpp"

namespace tern::async {

template <typename T>
class Watch {
  public:
    constexpr explicit Watch(const T& initial) : value_(initial) {}
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

    void send(const T& v) {
        {
            Masked m;
            value_ = v;
            ++version_;
        }
        detail::wake_all(waiters_);
    }
    T peek() const {
        Masked m;
        return value_;
    }

    class Receiver;
    class Changed : public Op {
      public:
        explicit Changed(Receiver& r) : Op(&poll_fn), r_(&r) {}
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& c = static_cast<Changed&>(o);
            Watch& w = *c.r_->w_;
            Masked m;
            if (cancel || c.r_->seen_ == w.version_) {
                if (cancel) {
                    c.unlink();
                } else if (!c.linked()) {
                    w.waiters_.push_back(c);
                }
                return false;
            }
            c.unlink();
            return true;
        }
        Receiver* r_;
    };

    class Receiver {
      public:
        explicit Receiver(Watch& w) : w_(&w), seen_(w.version_) {}
        // Completes when a value newer than the last get() (or subscribe()) was sent.
        Changed changed() { return Changed(*this); }
        bool has_changed() const { return seen_ != w_->version_; }
        T get() {
            Masked m;
            seen_ = w_->version_;
            return w_->value_;
        }

      private:
        friend class Changed;
        Watch* w_;
        uint32_t seen_;
    };

    Receiver subscribe() { return Receiver(*this); }

  private:
    T value_;
    uint32_t version_ = 0;
    List waiters_;
};

}  // namespace tern::async
