// Counting and binary semaphores.
// take() is for tasks; give() is for tasks, give_from_isr() for interrupts (each refuses
// the other context with wrong_context, changing nothing).
#pragma once
#include <stdint.h>
#include "tern/result.hpp"
#include "tern/time.hpp"
#include "tern/wait_queue.hpp"

namespace tern {

class Semaphore {
public:
    constexpr Semaphore() = default;
    constexpr explicit Semaphore(uint32_t initial, uint32_t max = 0xFFFFFFFFu)
        : count_(initial), max_(max) {}
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    // invalid when max is 0 or initial > max.
    Result init(uint32_t initial, uint32_t max = 0xFFFFFFFFu);
    // ok, timeout, would_block (poll found 0), deleted, invalid (destroyed), wrong_context.
    Result take(Tick timeout = forever);
    Result try_take() { return take(no_wait); }
    // ok; would_block when the count is already at its maximum (nothing changes).
    Result give();
    Result give_from_isr();
    // Poll from an interrupt: ok or would_block.
    Result take_from_isr();
    // Releases every waiter with Result::deleted; later calls return invalid until init().
    Result destroy();

    uint32_t count() const { return count_; }

private:
    Result take_slow(Tick timeout);
    Result give_slow();
    WaitQueue waiters_;
    uint32_t count_ = 0;
    uint32_t max_ = 0xFFFFFFFFu;  // 0 once destroyed
};

class BinarySemaphore : public Semaphore {
public:
    constexpr explicit BinarySemaphore(bool available = false) : Semaphore(available ? 1 : 0, 1) {}
};

}  // namespace tern
