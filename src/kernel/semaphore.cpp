// Counting and binary semaphores. A give with a waiter hands the unit straight to it.
#include "hot.hpp"
#include "sched.hpp"
#include "tern/semaphore.hpp"

namespace tern {

using namespace kernel;

namespace {
// Inside a critical section, from either context.
inline Result give_locked(WaitQueue& waiters, uint32_t& count, uint32_t max) {
    if (Task* w = waiters.first()) {
        wake(*w, Result::ok);
        reschedule();
        return Result::ok;
    }
    if (count >= max) return max == 0 ? Result::invalid : Result::would_block;
    ++count;
    return Result::ok;
}
}  // namespace

Result Semaphore::init(uint32_t initial, uint32_t max) {
    if (max == 0 || initial > max) return Result::invalid;
    CriticalSection cs;
    waiters_ = WaitQueue{};
    count_ = initial;
    max_ = max;
    return Result::ok;
}

// The hot paths (no waiter, nothing to wait for) stay in one short critical section and
// hand anything else to an out-of-line slow path, which decides again under its own.
TERN_HOT Result Semaphore::take(Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    port::IrqState s = port::irq_save();
    uint32_t c = count_;
    if (c != 0) {
        count_ = c - 1;
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
    return take_slow(timeout);
}

[[gnu::noinline]] Result Semaphore::take_slow(Tick timeout) {
    {
        CriticalSection cs;
        if (count_ != 0) {
            --count_;
            return Result::ok;
        }
        if (max_ == 0) return Result::invalid;
        if (timeout == no_wait) return Result::would_block;
        if (current() == nullptr) return Result::wrong_context;
        block_current(&waiters_, timeout);
    }
    return current()->wait_result;
}

Result Semaphore::take_from_isr() {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (count_ != 0) {
        --count_;
        return Result::ok;
    }
    return max_ == 0 ? Result::invalid : Result::would_block;
}

TERN_HOT Result Semaphore::give() {
    if (port::in_isr()) return Result::wrong_context;
    port::IrqState s = port::irq_save();
    uint32_t c = count_;
    if (waiters_.empty() && c < max_) {
        count_ = c + 1;
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
    return give_slow();
}

[[gnu::noinline]] Result Semaphore::give_slow() {
    CriticalSection cs;
    return give_locked(waiters_, count_, max_);
}

Result Semaphore::give_from_isr() {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    return give_locked(waiters_, count_, max_);
}

Result Semaphore::destroy() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (max_ == 0) return Result::invalid;
    while (Task* w = waiters_.first()) wake(*w, Result::deleted);
    count_ = 0;
    max_ = 0;
    reschedule();
    return Result::ok;
}

}  // namespace tern
