// Combinators: select (first of several), join (all of several), with_timeout and
// with_deadline. Each is itself an Op, so they nest and can be cancelled like any other.
//
//   auto pop = queue.pop();
//   switch (co_await select(pop, notify.wait(), sleep_for(100))) { case 0: use(pop.value()); ... }
//   if (auto v = co_await with_timeout(50, queue.pop())) use(*v);
//
// Cancel safety:
//  - select is as cancel-safe as its weakest operand; losers are cancelled as soon as a
//    winner completes, so a select of strictly cancel-safe ops is strictly cancel-safe.
//    It is biased: operands are polled in order, so when several are ready the first wins.
//  - join is weakly cancel-safe: cancelling it cancels the unfinished operands; those that
//    already completed stay completed (their effects happened).
//  - with_timeout/with_deadline are as cancel-safe as the wrapped op; on a timeout the op is
//    cancelled under its own statement. An op that is ready at the deadline wins.
#pragma once
#include <stdint.h>

#include "tern/async/pack.hpp"
#include "tern/async/time.hpp"

namespace tern::async {

template <typename... Ops>
class Select : public Op, public Parent {
  public:
    explicit Select(Ops&&... ops)
        : Op(&poll_fn), Parent{&done_fn}, ops_{{static_cast<Ops&&>(ops)}...} {}
    // The index of the operand that completed.
    size_t await_resume() { return winner_; }

  private:
    static bool poll_fn(Op& o, bool cancel) {
        auto& s = static_cast<Select&>(o);
        bool done = false;
        if (!cancel) {
            s.ops_.each([&](size_t i, Op& c) {
                if (done) return;
                c.set_parent(s);
                if (c.poll()) {
                    done = true;
                    s.winner_ = i;
                }
            });
            if (!done) return false;
        }
        s.ops_.each([&](size_t i, Op& c) {
            if (cancel || i != s.winner_) c.cancel();
        });
        return done;
    }
    static void done_fn(Parent& p, Op& child) {
        auto& s = static_cast<Select&>(p);
        s.ops_.each([&](size_t i, Op& c) {
            if (&c == &child) {
                s.winner_ = i;
            } else {
                c.cancel();
            }
        });
        s.complete();
    }
    detail::PackOf<Ops...> ops_;
    size_t winner_ = 0;
};

template <typename... Ops>
Select<Ops...> select(Ops&&... ops) {
    return Select<Ops...>(static_cast<Ops&&>(ops)...);
}

template <typename... Ops>
class Join : public Op, public Parent {
    static_assert(sizeof...(Ops) <= 32, "join: at most 32 operands");

  public:
    explicit Join(Ops&&... ops)
        : Op(&poll_fn), Parent{&done_fn}, ops_{{static_cast<Ops&&>(ops)}...} {}
    void await_resume() {}

  private:
    static constexpr uint32_t all = sizeof...(Ops) == 32 ? 0xFFFFFFFFu : (1u << sizeof...(Ops)) - 1;
    static bool poll_fn(Op& o, bool cancel) {
        auto& j = static_cast<Join&>(o);
        j.ops_.each([&](size_t i, Op& c) {
            if (j.done_ & (1u << i)) return;
            if (cancel) {
                c.cancel();
                return;
            }
            c.set_parent(j);
            if (c.poll()) j.done_ |= 1u << i;
        });
        if (cancel) j.done_ = 0;
        return !cancel && j.done_ == all;
    }
    static void done_fn(Parent& p, Op& child) {
        auto& j = static_cast<Join&>(p);
        j.ops_.each([&](size_t i, Op& c) {
            if (&c == &child) j.done_ |= 1u << i;
        });
        if (j.done_ == all) j.complete();
    }
    detail::PackOf<Ops...> ops_;
    uint32_t done_ = 0;
};

template <typename... Ops>
Join<Ops...> join(Ops&&... ops) {
    return Join<Ops...>(static_cast<Ops&&>(ops)...);
}

// The result of a timed op: ok() when it completed in time, with its value.
template <typename T>
struct Maybe {
    bool ok;
    T value;
    explicit operator bool() const { return ok; }
    T& operator*() { return value; }
};

template <typename O>
class WithDeadline : public Op, public Parent {
    using Inner = typename detail::RemoveRef<O>::type;
    using R = decltype(detail::declval<Inner&>().await_resume());

  public:
    WithDeadline(Tick deadline, O&& op)
        : Op(&poll_fn), Parent{&done_fn}, op_(static_cast<O&&>(op)), timer_(deadline) {}

    // bool for ops without a value; Maybe<value> otherwise.
    auto await_resume() {
        if constexpr (__is_same(R, void)) {
            return ok_;
        } else if (ok_) {
            return Maybe<R>{true, op_.await_resume()};
        } else {
            return Maybe<R>{false, R{}};
        }
    }

  private:
    static bool poll_fn(Op& o, bool cancel) {
        auto& w = static_cast<WithDeadline&>(o);
        if (cancel) {
            w.op_.cancel();
            w.timer_.cancel();
            return false;
        }
        w.op_.set_parent(w);
        if (w.op_.poll()) {
            w.timer_.cancel();
            w.ok_ = true;
            return true;
        }
        w.timer_.set_parent(w);
        if (!w.timer_.poll()) return false;
        w.op_.cancel();
        w.ok_ = false;
        return true;
    }
    static void done_fn(Parent& p, Op& child) {
        auto& w = static_cast<WithDeadline&>(p);
        w.ok_ = &child == static_cast<Op*>(&w.op_);
        if (w.ok_) {
            w.timer_.cancel();
        } else {
            w.op_.cancel();
        }
        w.complete();
    }
    O op_;
    SleepUntil timer_;
    bool ok_ = false;
};

template <typename O>
WithDeadline<O> with_deadline(Tick deadline, O&& op) {
    return WithDeadline<O>(deadline, static_cast<O&&>(op));
}
template <typename O>
WithDeadline<O> with_timeout(Tick ticks, O&& op) {
    return WithDeadline<O>(tern::now() + ticks, static_cast<O&&>(op));
}

}  // namespace tern::async
