// Event groups: AND / OR / NOT waits, clear on exit, and the sync barrier.
#include "sched.hpp"
#include "tern/event_group.hpp"

namespace tern {

using namespace kernel;

namespace {

// On the waiting task's stack; the waker reads the condition and writes the bits.
struct Waiter {
    uint32_t mask;
    uint32_t options;
    uint32_t bits;
};

constexpr uint32_t known_options = event_all | event_clear | event_clear_on_exit;

bool satisfied(uint32_t bits, uint32_t mask, uint32_t options) {
    uint32_t v = (options & event_clear) ? (~bits & mask) : (bits & mask);
    return (options & event_all) ? v == mask : v != 0;
}

uint32_t clear_mask(const Waiter& w) {
    return ((w.options & event_clear_on_exit) && !(w.options & event_clear)) ? w.mask : 0;
}

}  // namespace

void EventGroup::init() {
    CriticalSection cs;
    waiters_ = WaitQueue{};
    bits_ = 0;
    dead_ = false;
}

// Wakes every waiter satisfied by bits_ (all judged on the same bits), then applies
// their clear-on-exit. Returns the bits as they were before clearing.
uint32_t EventGroup::wake_satisfied() {
    uint32_t seen = bits_;
    uint32_t clear = 0;
    for (Task* t = waiters_.first(); t != nullptr;) {
        Task* next = t->queue_next;
        Waiter& w = *reinterpret_cast<Waiter*>(t->wait_value);
        if (satisfied(seen, w.mask, w.options)) {
            w.bits = seen;
            clear |= clear_mask(w);
            wake(*t, Result::ok);
        }
        t = next;
    }
    bits_ = seen & ~clear;
    return seen;
}

Result EventGroup::set(uint32_t bits) {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    bits_ |= bits;
    if (!waiters_.empty()) {
        wake_satisfied();
        reschedule();
    }
    return Result::ok;
}

Result EventGroup::set_from_isr(uint32_t bits) {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    bits_ |= bits;
    if (!waiters_.empty()) {
        wake_satisfied();
        reschedule();
    }
    return Result::ok;
}

Result EventGroup::clear(uint32_t bits) {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    bits_ &= ~bits;
    if (!waiters_.empty()) {
        wake_satisfied();  // NOT waiters
        reschedule();
    }
    return Result::ok;
}

Result EventGroup::clear_from_isr(uint32_t bits) {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    bits_ &= ~bits;
    if (!waiters_.empty()) {
        wake_satisfied();
        reschedule();
    }
    return Result::ok;
}

Result EventGroup::wait(uint32_t mask, uint32_t options, uint32_t* out, Tick timeout) {
    if (port::in_isr() || current() == nullptr) return Result::wrong_context;
    if (mask == 0 || (options & ~known_options) != 0) return Result::invalid;
    Waiter w{mask, options, 0};
    {
        CriticalSection cs;
        if (dead_) return Result::invalid;
        if (satisfied(bits_, mask, options)) {
            if (out != nullptr) *out = bits_;
            bits_ &= ~clear_mask(w);
            return Result::ok;
        }
        if (timeout == no_wait) {
            if (out != nullptr) *out = bits_;
            return Result::would_block;
        }
        current()->wait_value = reinterpret_cast<uintptr_t>(&w);
        block_current(&waiters_, timeout);
    }
    Result r = current()->wait_result;
    if (out != nullptr) *out = r == Result::ok ? w.bits : bits_;
    return r;
}

Result EventGroup::sync(uint32_t own, uint32_t all, uint32_t* out, Tick timeout) {
    if (port::in_isr() || current() == nullptr) return Result::wrong_context;
    if (all == 0) return Result::invalid;
    Waiter w{all, event_all | event_clear_on_exit, 0};
    {
        CriticalSection cs;
        if (dead_) return Result::invalid;
        bits_ |= own;
        if ((bits_ & all) == all) {
            // The last to arrive: release everyone waiting, then clear the barrier bits.
            uint32_t seen = waiters_.empty() ? bits_ : wake_satisfied();
            bits_ &= ~all;
            if (out != nullptr) *out = seen;
            reschedule();
            return Result::ok;
        }
        if (!waiters_.empty()) wake_satisfied();  // own bits may satisfy plain waiters
        if (timeout == no_wait) {
            if (out != nullptr) *out = bits_;
            return Result::would_block;
        }
        current()->wait_value = reinterpret_cast<uintptr_t>(&w);
        block_current(&waiters_, timeout);
    }
    Result r = current()->wait_result;
    if (out != nullptr) *out = r == Result::ok ? w.bits : bits_;
    return r;
}

Result EventGroup::destroy() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    while (Task* t = waiters_.first()) wake(*t, Result::deleted);
    dead_ = true;
    bits_ = 0;
    reschedule();
    return Result::ok;
}

}  // namespace tern
