// Event groups: 32 event bits that tasks wait on, in four modes (the seed's AND, OR,
// NOT and SYNC):
//   wait(mask, event_all)             until every bit of mask is set      (AND)
//   wait(mask, event_any)             until any bit of mask is set        (OR)
//   wait(mask, event_all|event_clear) until every bit of mask is clear    (NOT)
//   wait(mask, event_any|event_clear) until any bit of mask is clear
//   sync(own, all)                    set own bits, then wait until all are set; the
//                                     last to arrive releases everyone at once (barrier)
// event_clear_on_exit clears the awaited bits when a set-wait succeeds.
#pragma once
#include <stdint.h>
#include "tern/result.hpp"
#include "tern/time.hpp"
#include "tern/wait_queue.hpp"

namespace tern {

inline constexpr uint32_t event_any = 0;
inline constexpr uint32_t event_all = 1u << 0;
inline constexpr uint32_t event_clear = 1u << 1;  // wait for bits to be clear (NOT)
inline constexpr uint32_t event_clear_on_exit = 1u << 2;

class EventGroup {
public:
    constexpr EventGroup() = default;
    EventGroup(const EventGroup&) = delete;
    EventGroup& operator=(const EventGroup&) = delete;

    void init();
    // Sets bits and wakes every waiter whose condition now holds. Task / interrupt.
    Result set(uint32_t bits);
    Result set_from_isr(uint32_t bits);
    Result clear(uint32_t bits);
    Result clear_from_isr(uint32_t bits);
    uint32_t get() const { return bits_; }

    // Waits until the condition holds. *out (if given) receives the bits as they were
    // when the condition was met (before clear_on_exit). ok, timeout, would_block,
    // deleted, invalid (mask 0, unknown option, destroyed), wrong_context.
    Result wait(uint32_t mask, uint32_t options, uint32_t* out = nullptr,
                Tick timeout = forever);
    // Barrier: sets `own`, then waits until all of `all` are set; clears `all` on release.
    Result sync(uint32_t own, uint32_t all, uint32_t* out = nullptr, Tick timeout = forever);
    Result destroy();

private:
    uint32_t wake_satisfied();
    WaitQueue waiters_;
    uint32_t bits_ = 0;
    bool dead_ = false;
};

}  // namespace tern
