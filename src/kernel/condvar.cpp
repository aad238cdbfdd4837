// Condition variables over priority-inheritance mutexes.
#include "mutex_internal.hpp"

namespace tern {

using namespace kernel;

void CondVar::init() {
    CriticalSection cs;
    waiters_ = WaitQueue{};
    dead_ = false;
}

Result CondVar::wait(Mutex& m, Tick timeout) {
    Task* self = current();
    if (port::in_isr() || self == nullptr) return Result::wrong_context;
    {
        CriticalSection cs;
        if (dead_ || !MutexAccess::owned_once_by(m, self)) return Result::invalid;
        if (timeout == no_wait) return Result::would_block;  // nobody could signal meanwhile
        // Release and block in one critical section: a signal cannot fall in between.
        MutexAccess::release_for_wait(m, *self);
        block_current(&waiters_, timeout);
    }
    Result r = current()->wait_result;
    Result relock = m.lock(forever);
    return relock != Result::ok ? relock : r;
}

Result CondVar::signal() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    if (Task* w = waiters_.first()) {
        wake(*w, Result::ok);
        reschedule();
    }
    return Result::ok;
}

Result CondVar::broadcast() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    while (Task* w = waiters_.first()) wake(*w, Result::ok);
    reschedule();
    return Result::ok;
}

Result CondVar::destroy() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (dead_) return Result::invalid;
    while (Task* w = waiters_.first()) wake(*w, Result::deleted);
    dead_ = true;
    reschedule();
    return Result::ok;
}

}  // namespace tern
