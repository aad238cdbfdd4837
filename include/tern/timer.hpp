// Software timers: one-shot and auto-reload, with callbacks run by the timer-service
// task (priority config::timer_priority). An auto-reload timer's expiries stay on the
// grid start + k * period however late a callback runs: it never drifts.
#pragma once
#include <stdint.h>
#include "tern/result.hpp"
#include "tern/time.hpp"

namespace tern {

enum class TimerKind : uint8_t { one_shot = 0, auto_reload = 1 };
using TimerCallback = void (*)(void* arg);

class Timer {
public:
    constexpr Timer() = default;
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    // period in ticks (> 0). Creates the timer-service task on first use.
    Result init(const char* name, TimerKind kind, Tick period, TimerCallback cb, void* arg);
    // (Re)starts: the first expiry is now + period. Task or interrupt (start_from_isr).
    Result start();
    Result start_from_isr();
    Result stop();
    Result stop_from_isr();
    // Restarts from now (the same as start()).
    Result reset();
    // Sets the period; a running timer restarts from now with it.
    Result change_period(Tick period);
    // Ticks until the next expiry; 0 when stopped.
    Tick remaining() const;
    bool active() const { return active_; }
    Tick period() const { return period_; }
    const char* name() const { return name_; }

private:
    friend struct TimerService;
    Timer* next_ = nullptr;  // active list, by expiry
    const char* name_ = nullptr;
    TimerCallback cb_ = nullptr;
    void* arg_ = nullptr;
    Tick period_ = 0;
    Tick expiry_ = 0;
    TimerKind kind_ = TimerKind::one_shot;
    bool active_ = false;
};

// Takes an active timer stored in [storage, storage + bytes) off the service's list,
// reading only the list (safe on storage never used for a timer): the C API's
// os_timer_create on a running timer stops it first instead of leaving the list pointing
// into storage it is about to overwrite. True when one was there.
bool timer_unlink_storage(const void* storage, size_t bytes);

}  // namespace tern
