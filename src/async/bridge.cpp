// Kernel bridges: a helper kernel task blocks on the kernel object while coroutines wait,
// then hands what it got to the first coroutine that polls. The helper and the executor
// share the bridge's fields, so every access is masked.
#include "tern/async/bridge.hpp"

#include <string.h>

namespace tern::async::detail {

bool BridgeBase::Get::poll_fn(Op& o, bool cancel) {
    auto& g = static_cast<Get&>(o);
    BridgeBase& b = *g.b_;
    Masked m;
    if (cancel) {
        g.unlink();
        // Nobody left to take what the helper holds: put it back where it came from.
        if (b.held_ && b.waiters_.empty()) {
            b.held_ = false;
            b.undo_(b.object_, b.item_);
        }
        return false;
    }
    if (b.held_) {
        b.held_ = false;
        if (g.out_ != nullptr) memcpy(g.out_, b.item_, b.item_size_);
        g.unlink();
        return true;
    }
    // Fast path: the kernel object has something now.
    void* dst = g.out_ != nullptr ? g.out_ : b.item_;
    if (b.fn_(b.object_, dst, no_wait) == Result::ok) {
        g.unlink();
        return true;
    }
    if (!g.linked()) b.waiters_.push_back(g);
    if (!b.wanted_) {
        b.wanted_ = true;
        b.want_.give();  // non-blocking; the helper runs when interrupts open
    }
    return false;
}

Result BridgeBase::start(tern::Task& task, void* stack, size_t bytes, Priority priority) {
    return task_create(task, "async-bridge", &helper, this, priority, stack, bytes);
}

void BridgeBase::helper(void* self) {
    auto& b = *static_cast<BridgeBase*>(self);
    for (;;) {
        b.want_.take(forever);
        Result r = b.fn_(b.object_, b.item_, forever);
        Masked m;
        b.wanted_ = false;
        if (r != Result::ok) continue;
        if (b.waiters_.empty()) {
            b.undo_(b.object_, b.item_);  // every waiter was cancelled meanwhile
        } else {
            b.held_ = true;
            wake_all(b.waiters_);
        }
    }
}

}  // namespace tern::async::detail
