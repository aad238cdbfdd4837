// Build-time knobs of tern::async (TERN_ASYNC_* defines, set per image).
#pragma once
#include <stddef.h>

// Bytes of static RAM for coroutine frames: every Task's frame and every live Co's.
// Host frames are larger (64-bit pointers, a Debug build with sanitizers).
#ifndef TERN_ASYNC_ARENA_BYTES
#define TERN_ASYNC_ARENA_BYTES (sizeof(void*) > 4 ? 65536 : 1024)
#endif

// 0: tasks are polled with every interrupt masked (PRIMASK on Cortex-M), interrupts run
// between polls. N > 0: interrupts more urgent than priority N may preempt a polled task
// (ARMv7-M/ARMv8-M Main: BASEPRI = N). Ports with no priority mask (host, ARMv6-M,
// RISC-V) treat any N > 0 as "every interrupt may preempt". See docs/async.md.
#ifndef TERN_ASYNC_PREEMPT_BELOW
#define TERN_ASYNC_PREEMPT_BELOW 0
#endif

namespace tern::async::config {
inline constexpr size_t arena_bytes = TERN_ASYNC_ARENA_BYTES;
inline constexpr unsigned preempt_below = TERN_ASYNC_PREEMPT_BELOW;
static_assert(arena_bytes >= 64, "TERN_ASYNC_ARENA_BYTES too small");
static_assert(preempt_below < 256, "TERN_ASYNC_PREEMPT_BELOW is an 8-bit priority");
}  // namespace tern::async::config
