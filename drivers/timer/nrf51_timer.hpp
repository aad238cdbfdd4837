// Nordic nRF51 TIMER in 32-bit timer mode: a free-running up-counter (read by capturing it
// into CC[0]) and a one-shot wake on compare channel 1, the counter running on.
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"

namespace tern::drivers {

template <uintptr_t Base>
struct Nrf51Timer {
    static constexpr uintptr_t tasks_start = Base + 0x000, tasks_clear = Base + 0x00C;
    static constexpr uintptr_t tasks_capture0 = Base + 0x040;
    static constexpr uintptr_t events_compare1 = Base + 0x144;
    static constexpr uintptr_t intenset = Base + 0x304, intenclr = Base + 0x308;
    static constexpr uintptr_t mode = Base + 0x504, bitmode = Base + 0x508,
                               prescaler = Base + 0x510;
    static constexpr uintptr_t cc0 = Base + 0x540, cc1 = Base + 0x544;
    static constexpr uint32_t compare1_int = 1u << 17;
    static constexpr uint32_t max_cycles = 0x7FFFFFFFu;
    // A compare event fires only when the counter equals CC, and at 16 MHz the counter
    // moves about two counts per instruction under -icount shift=5: a wake armed too close
    // would be passed before CC is written and never fire. Arm at least this far out.
    static constexpr uint32_t min_wake_cycles = 64;

    static void start_free_running() {  // 16 MHz (prescaler 0), 32 bits
        reg32(mode) = 0;
        reg32(bitmode) = 3;
        reg32(prescaler) = 0;
        reg32(tasks_clear) = 1;
        reg32(tasks_start) = 1;
    }
    static uint32_t now() {
        reg32(tasks_capture0) = 1;
        return reg32(cc0);
    }
    // Arms the wake `cycles` from now; true when the counter is already past it (the compare
    // will not fire: the caller pends the interrupt itself).
    static bool arm_once(uint32_t cycles) {
        if (cycles < min_wake_cycles) cycles = min_wake_cycles;
        reg32(events_compare1) = 0;
        uint32_t start = now();
        reg32(cc1) = start + cycles;
        reg32(intenset) = compare1_int;
        return now() - start >= cycles;
    }
    static void disarm() {
        reg32(intenclr) = compare1_int;
        reg32(events_compare1) = 0;
    }
};

}  // namespace tern::drivers
