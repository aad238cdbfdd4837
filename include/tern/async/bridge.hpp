// Bridges between coroutines and the kernel.
//
//  - Interrupt -> coroutine: Notify::notify() (or Watch::send) from the ISR. Nothing else.
//  - Coroutine -> kernel object: SemaphoreBridge / QueueBridge below. The executor's kernel
//    task must never block (it would stop every coroutine), so a small helper kernel task
//    does the blocking take/receive on behalf of waiting coroutines and notifies them.
//  - Kernel task -> async event: the kernel task blocks on an ordinary kernel object
//    (tern::Semaphore, tern::Queue) that a coroutine gives or sends to. Kernel gives and
//    sends are non-blocking calls, so coroutines may make them; the woken kernel task runs
//    as soon as the executor opens interrupts between polls.
//
// Cancel safety (take/receive): weakly cancel-safe. Before the helper has taken anything,
// cancelling changes nothing. If the helper already took a unit or an item for a waiter
// that is gone, it is given back: the unit with give(), the item with send_to_front(), so
// the kernel object ends as it was, except that kernel waiters may have missed the chance
// to take it in between.
#pragma once
#include <stddef.h>

#include "tern/async/op.hpp"
#include "tern/queue.hpp"
#include "tern/semaphore.hpp"
#include "tern/task.hpp"

namespace tern::async {

namespace detail {
class BridgeBase {
  public:
    // fn(object, item, timeout): a kernel take/receive; undo puts the item/unit back.
    using KernelFn = Result (*)(void* object, void* item, Tick timeout);
    using UndoFn = void (*)(void* object, void* item);

    class Get : public Op {
      public:
        Get(BridgeBase& b, void* out) : Op(&poll_fn), b_(&b), out_(out) {}
        Get(const Get& o) : Op(o), b_(o.b_), out_(o.out_) {}
        ~Get() { poll_fn(*this, true); }
        void await_resume() {}

      private:
        static bool poll_fn(Op& o, bool cancel);
        BridgeBase* b_;
        void* out_;
    };

  protected:
    BridgeBase(void* object, void* item, size_t item_size, KernelFn fn, UndoFn undo)
        : object_(object), item_(item), item_size_(item_size), fn_(fn), undo_(undo) {}
    Result start(tern::Task& task, void* stack, size_t bytes, Priority priority);

  private:
    static void helper(void* self);
    void* object_;
    void* item_;  // where the helper receives into; the bridge's own storage
    size_t item_size_;
    KernelFn fn_;
    UndoFn undo_;
    tern::BinarySemaphore want_{false};  // given when a coroutine starts waiting
    List waiters_;
    volatile bool held_ = false;  // the helper holds a unit/item for the waiters
    bool wanted_ = false;
};
}  // namespace detail

// Lets coroutines take units of a kernel semaphore.
class SemaphoreBridge : public detail::BridgeBase {
  public:
    explicit SemaphoreBridge(tern::Semaphore& s)
        : BridgeBase(&s, nullptr, 0, &kernel_take, &kernel_give) {}
    // Starts the helper kernel task (priority: above the executor's, so takes are prompt).
    template <size_t B>
    Result start(tern::Task& task, tern::Stack<B>& stack, Priority priority) {
        return BridgeBase::start(task, stack.data(), stack.size(), priority);
    }
    // Completes with one unit taken.
    Get take() { return Get(*this, nullptr); }

  private:
    static Result kernel_take(void* s, void*, Tick t) {
        return static_cast<tern::Semaphore*>(s)->take(t);
    }
    static void kernel_give(void* s, void*) { static_cast<tern::Semaphore*>(s)->give(); }
};

// Lets coroutines receive items of type T from a kernel queue.
template <typename T>
class QueueBridge : public detail::BridgeBase {
  public:
    explicit QueueBridge(tern::Queue& q)
        : BridgeBase(&q, &item_, sizeof(T), &kernel_receive, &kernel_unreceive) {}
    template <size_t B>
    Result start(tern::Task& task, tern::Stack<B>& stack, Priority priority) {
        return BridgeBase::start(task, stack.data(), stack.size(), priority);
    }
    // Completes with the oldest item copied to `out` (which must outlive the wait).
    Get receive(T& out) { return Get(*this, &out); }

  private:
    static Result kernel_receive(void* q, void* item, Tick t) {
        return static_cast<tern::Queue*>(q)->receive(item, t);
    }
    static void kernel_unreceive(void* q, void* item) {
        static_cast<tern::Queue*>(q)->send_to_front(item, no_wait);
    }
    T item_{};
};

}  // namespace tern::async
