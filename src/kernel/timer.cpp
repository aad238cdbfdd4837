// Software timers, run by the timer-service task. Active timers sit in one list sorted
// by expiry; the service task sleeps until the first one is due (or forever), and is
// woken when a new timer becomes the first.
#include "sched.hpp"
#include "tern/config_services.hpp"
#include "tern/timer.hpp"

namespace tern {

using namespace kernel;

struct TimerService {
    static inline Timer* active = nullptr;
    static inline WaitQueue sleeping;  // the service task, while it waits
    static inline bool created = false;

    static void insert(Timer& t) {
        // Ordered by signed distance from now, so an overdue timer (catching up) comes first.
        Tick now = k.ticks;
        int32_t due = static_cast<int32_t>(t.expiry_ - now);
        Timer** link = &active;
        while (*link != nullptr && static_cast<int32_t>((*link)->expiry_ - now) <= due) {
            link = &(*link)->next_;
        }
        t.next_ = *link;
        *link = &t;
        t.active_ = true;
        if (active == &t) {
            if (Task* s = sleeping.first()) {
                wake(*s, Result::ok);
                reschedule();
            }
        }
    }

    static void remove(Timer& t) {
        for (Timer** link = &active; *link != nullptr; link = &(*link)->next_) {
            if (*link == &t) {
                *link = t.next_;
                break;
            }
        }
        t.next_ = nullptr;
        t.active_ = false;
    }

    static bool unlink_storage(uintptr_t lo, size_t bytes) {
        CriticalSection cs;
        for (Timer** link = &active; *link != nullptr; link = &(*link)->next_) {
            if (reinterpret_cast<uintptr_t>(*link) - lo < bytes) {
                *link = (*link)->next_;
                return true;
            }
        }
        return false;
    }

    [[noreturn]] static void main(void*) {
        for (;;) {
            TimerCallback cb = nullptr;
            void* arg = nullptr;
            {
                CriticalSection cs;
                Timer* t = active;
                if (t == nullptr) {
                    block_current(&sleeping, forever);
                } else if (tick_before(k.ticks, t->expiry_)) {
                    block_current(&sleeping, t->expiry_ - k.ticks);
                } else {
                    active = t->next_;
                    t->next_ = nullptr;
                    t->active_ = false;
                    if (t->kind_ == TimerKind::auto_reload) {
                        t->expiry_ += t->period_;  // on the grid: no drift
                        insert(*t);
                    }
                    cb = t->cb_;
                    arg = t->arg_;
                }
            }
            if (cb != nullptr) cb(arg);
        }
    }
};

namespace {
Task service_task;
Stack<config::timer_stack_bytes> service_stack;
}  // namespace

bool timer_unlink_storage(const void* storage, size_t bytes) {
    return TimerService::unlink_storage(reinterpret_cast<uintptr_t>(storage), bytes);
}

Result Timer::init(const char* name, TimerKind kind, Tick period, TimerCallback cb, void* arg) {
    if (port::in_isr()) return Result::wrong_context;
    if (period == 0 || period > 0x7FFFFFFFu || cb == nullptr) return Result::invalid;
    bool create = false;
    {
        CriticalSection cs;
        if (active_) TimerService::remove(*this);
        name_ = name != nullptr ? name : "?";
        kind_ = kind;
        period_ = period;
        cb_ = cb;
        arg_ = arg;
        if (!TimerService::created) create = TimerService::created = true;
    }
    if (create) {
        Result r = task_create(service_task, "timers", TimerService::main, nullptr,
                               static_cast<Priority>(config::timer_priority), service_stack);
        if (r != Result::ok) {
            TimerService::created = false;
            return r;
        }
    }
    return Result::ok;
}

Result Timer::start() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (period_ == 0) return Result::invalid;
    if (active_) TimerService::remove(*this);
    expiry_ = k.ticks + period_;
    TimerService::insert(*this);
    return Result::ok;
}

Result Timer::start_from_isr() {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (period_ == 0) return Result::invalid;
    if (active_) TimerService::remove(*this);
    expiry_ = k.ticks + period_;
    TimerService::insert(*this);
    return Result::ok;
}

Result Timer::stop() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (period_ == 0) return Result::invalid;
    if (active_) TimerService::remove(*this);
    return Result::ok;
}

Result Timer::stop_from_isr() {
    if (!port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (period_ == 0) return Result::invalid;
    if (active_) TimerService::remove(*this);
    return Result::ok;
}

Result Timer::reset() { return start(); }

Result Timer::change_period(Tick period) {
    if (port::in_isr()) return Result::wrong_context;
    if (period == 0 || period > 0x7FFFFFFFu) return Result::invalid;
    CriticalSection cs;
    if (period_ == 0) return Result::invalid;
    period_ = period;
    if (active_) {
        TimerService::remove(*this);
        expiry_ = k.ticks + period_;
        TimerService::insert(*this);
    }
    return Result::ok;
}

Tick Timer::remaining() const {
    CriticalSection cs;
    if (!active_) return 0;
    int32_t left = static_cast<int32_t>(expiry_ - k.ticks);
    return left > 0 ? static_cast<Tick>(left) : 0;
}

}  // namespace tern
