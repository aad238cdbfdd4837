// A bounded FIFO queue between coroutines (single producer, single consumer by design;
// several of either are served in FIFO order but never fairly interleaved), with
// reserve-then-push so that a producer can wait for room without risking its value.
// Coroutine (executor) context only; from an interrupt, signal a Notify and let a
// coroutine push. T must be default-constructible and copyable (no placement new: some
// toolchains have no <new>).
//
//   auto permit = co_await q.reserve();  // waits for room; nothing is pushed yet
//   permit.push(make_value());           // cannot fail or wait
//   T v = co_await q.pop();
//
// Cancel safety:
//  - reserve(): strictly cancel-safe; a reservation not yet taken as a Permit is returned.
//    A Permit dropped without push() returns its slot.
//  - pop(): strictly cancel-safe; the item leaves the queue only when pop() completes.
//  - push(v): weakly cancel-safe: if cancelled before there was room, v is dropped and the
//    queue is unchanged. Use reserve() when the value must not be lost.
#pragma once
#include <stddef.h>

#include "tern/async/op.hpp"

namespace tern::async {

template <typename T, size_t N>
class Queue {
    static_assert(N > 0, "Queue needs room for at least one item");

  public:
    constexpr Queue() = default;
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    class Permit {
      public:
        Permit() = default;
        explicit Permit(Queue& q) : q_(&q) {}
        Permit(Permit&& p) noexcept : q_(p.q_) { p.q_ = nullptr; }
        Permit& operator=(Permit&&) = delete;
        ~Permit() {
            if (q_ != nullptr) q_->unreserve();
        }
        void push(const T& v) {
            Queue* q = q_;
            q_ = nullptr;
            --q->reserved_;
            q->put(v);
        }
        bool valid() const { return q_ != nullptr; }

      private:
        Queue* q_ = nullptr;
    };

    class Reserve : public Op {
      public:
        explicit Reserve(Queue& q) : Op(&poll_fn), q_(&q) {}
        Reserve(const Reserve& o) : Op(o), q_(o.q_) {}
        ~Reserve() { poll_fn(*this, true); }
        Permit await_resume() { return take(); }
        Permit take() {
            bool mine = state_ == 1;
            state_ = 0;
            return mine ? Permit(*q_) : Permit();
        }

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& r = static_cast<Reserve&>(o);
            if (cancel) {
                {
                    Masked m;
                    r.unlink();
                }
                if (r.state_ == 1) r.q_->unreserve();
                r.state_ = 0;
                return false;
            }
            if (r.q_->room()) {
                r.unlink();
                ++r.q_->reserved_;
                r.state_ = 1;  // reserved, not yet a Permit
                return true;
            }
            if (!r.linked()) r.q_->pushers_.push_back(r);
            return false;
        }
        Queue* q_;
    };

    class Push : public Op {
      public:
        Push(Queue& q, const T& v) : Op(&poll_fn), q_(&q), v_(v) {}
        Push(const Push& o) : Op(o), q_(o.q_), v_(o.v_) {}
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& p = static_cast<Push&>(o);
            Masked m;
            if (cancel || !p.q_->room()) {
                if (cancel) {
                    p.unlink();
                } else if (!p.linked()) {
                    p.q_->pushers_.push_back(p);
                }
                return false;
            }
            p.unlink();
            p.q_->put(p.v_);
            return true;
        }
        Queue* q_;
        T v_;
    };

    class Pop : public Op {
      public:
        explicit Pop(Queue& q) : Op(&poll_fn), q_(&q) {}
        Pop(const Pop& o) : Op(o), q_(o.q_) {}
        T await_resume() { return v_; }
        // The item, once the Pop completed (inside select).
        T& value() { return v_; }

      private:
        static bool poll_fn(Op& o, bool cancel) {
            auto& p = static_cast<Pop&>(o);
            if (!cancel && p.q_->count_ != 0) {
                p.unlink();
                p.v_ = p.q_->get();
                return true;
            }
            Masked m;
            if (cancel) {
                p.unlink();
            } else if (!p.linked()) {
                p.q_->poppers_.push_back(p);
            }
            return false;
        }
        Queue* q_;
        T v_{};
    };

    Reserve reserve() { return Reserve(*this); }
    Push push(const T& v) { return Push(*this, v); }
    Pop pop() { return Pop(*this); }

    bool try_push(const T& v) {
        if (!room()) return false;
        put(v);
        return true;
    }
    bool try_pop(T& out) {
        if (count_ == 0) return false;
        out = get();
        return true;
    }
    size_t size() const { return count_; }
    size_t reserved() const { return reserved_; }
    static constexpr size_t capacity() { return N; }

  private:
    bool room() const { return count_ + reserved_ < N; }
    // Wakes every waiter of the other side: with one producer and one consumer that is one
    // node, and a woken waiter that is cancelled cannot swallow the wake of another.
    void put(const T& v) {
        size_t tail = head_ + count_;
        buf_[tail >= N ? tail - N : tail] = v;
        ++count_;
        detail::wake_all(poppers_);
    }
    T get() {
        T v = buf_[head_];
        head_ = head_ + 1 == N ? 0 : head_ + 1;
        --count_;
        detail::wake_all(pushers_);
        return v;
    }
    void unreserve() {
        --reserved_;
        detail::wake_all(pushers_);
    }

    T buf_[N]{};
    size_t head_ = 0;
    size_t count_ = 0;
    size_t reserved_ = 0;
    List pushers_;
    List poppers_;
};

}  // namespace tern::async
