// Kernel time: a tick counter that wraps (compare with tick_before/tick_elapsed).
#pragma once
#include <stdint.h>
#include "tern/config.hpp"

namespace tern {

using Tick = uint32_t;

// A timeout argument: 0 polls, `forever` never times out, anything else counts ticks.
inline constexpr Tick no_wait = 0;
inline constexpr Tick forever = 0xFFFFFFFFu;

// Rounds up: a delay is never shorter than asked. When the tick rate is a whole number of
// kHz the conversion is one 32-bit multiply (a 1 kHz tick: none), not a 64-bit division.
constexpr Tick ms_to_ticks(uint32_t ms) {
    if constexpr (config::tick_hz % 1000 == 0) return static_cast<Tick>(ms * (config::tick_hz / 1000));
    return static_cast<Tick>((static_cast<uint64_t>(ms) * config::tick_hz + 999) / 1000);
}
constexpr uint32_t ticks_to_ms(Tick t) {
    if constexpr (1000 % config::tick_hz == 0) return static_cast<uint32_t>(t * (1000 / config::tick_hz));
    return static_cast<uint32_t>(static_cast<uint64_t>(t) * 1000 / config::tick_hz);
}
// True when a is earlier than b, valid while they are less than 2^31 ticks apart.
constexpr bool tick_before(Tick a, Tick b) { return static_cast<int32_t>(a - b) < 0; }

}  // namespace tern
