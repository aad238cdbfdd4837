// The operation: the one awaitable shape every tern::async primitive has.
//
// An Op is a wait node plus a poll function. Polling tries to finish the operation; when it
// cannot, it links the node into the list of whatever it waits for and returns false. A
// waker later moves the node to the executor's ready list, and the executor polls it again,
// so spurious or stale wake-ups cost one re-check and never a wrong result. When a poll
// succeeds the Op resumes the coroutine that awaits it, or tells its parent combinator
// (select, join, with_timeout), which is itself an Op.
//
// Cancelling (destroying a suspended coroutine, or a combinator dropping a loser) runs the
// Op's cancel, which unlinks the node and undoes nothing else unless the primitive says so.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/async/coroutine.hpp"
#include "tern/async/list.hpp"
#include "tern/port.hpp"
#include "tern/time.hpp"

namespace tern::async {

// Interrupts masked for the few lists an interrupt may touch (the ready list, a Notify's
// waiters). Nests: executor polls already run masked by default.
struct Masked {
    Masked() : saved(port::irq_save()) {}
    ~Masked() { port::irq_restore(saved); }
    Masked(const Masked&) = delete;
    Masked& operator=(const Masked&) = delete;
    port::IrqState saved;
};

class Op;

// A combinator that owns child Ops: told when one of them completes.
struct Parent {
    void (*child_done)(Parent& self, Op& child);
};

class Op : public Node {
  public:
    // cancel == false: poll, returning true when done. cancel == true: withdraw.
    using Fn = bool (*)(Op& self, bool cancel);

    explicit Op(Fn fn) : fn_(fn) {}
    // Ops are copied only before they are first polled (into a combinator): links stay empty.
    Op(const Op& o) : Node(), fn_(o.fn_) {}
    Op& operator=(const Op&) = delete;
    ~Op() {
        Masked m;
        unlink();
    }

    bool poll() { return fn_(*this, false); }
    void cancel() { fn_(*this, true); }

    // co_await protocol. The first poll happens in await_ready, so an operation that can
    // finish at once never suspends. A wake cannot resume the coroutine before
    // await_suspend has stored it: wakes only queue the node, and the executor polls
    // queued nodes after the current poll has returned.
    bool await_ready() {
        parent_ = false;
        return poll();
    }
    void await_suspend(std::coroutine_handle<> h) { cont_ = h.address(); }

    void set_parent(Parent& p) {
        cont_ = &p;
        parent_ = true;
    }
    // The Op has finished: continue whoever awaits it.
    void complete() {
        if (cont_ == nullptr) return;
        if (parent_) {
            Parent& p = *static_cast<Parent*>(cont_);
            p.child_done(p, *this);
        } else {
            std::coroutine_handle<>::from_address(cont_).resume();
        }
    }

  protected:
    void* cont_ = nullptr;  // the awaiting coroutine's frame, or a Parent
    Fn fn_;
    bool parent_ = false;

  public:
    uint8_t state_ = 0;  // the primitive's own bookkeeping
};

// Executor services for primitives (src/async/executor.cpp).
namespace detail {
// Moves op to the ready list and wakes the executor if it sleeps. Any context, ISRs too.
void make_ready(Op& op);
// The same with interrupts already masked by the caller, without waking the executor;
// the caller calls kick() once after a batch.
void make_ready_locked(Op& op);
void kick();
// Wakes every Op in `waiters` (any context).
void wake_all(List& waiters);
// A timed Op: linked into the executor's deadline list, earliest first.
struct Timed : Op {
    explicit Timed(Fn fn, Tick d) : Op(fn), deadline(d) {}
    Tick deadline;
};
void timer_insert(Timed& t);
// Prints why and a number, then halts: how tern::async reports a broken build-time budget.
[[noreturn]] void fatal(const char* why, size_t number);
}  // namespace detail

}  // namespace tern::async
