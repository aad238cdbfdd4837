// Build-time configuration of the kernel. Every knob is a TERN_CFG_* define with a
// default here, turned into a typed constant; an image (or a CMake kernel variant)
// overrides the define. Nothing else in the kernel reads a macro.
#pragma once
#include <stdint.h>

#ifndef TERN_CFG_PRIORITY_LEVELS
#define TERN_CFG_PRIORITY_LEVELS 256  // 2..256; RAM cost: one pointer per level
#endif
#ifndef TERN_CFG_TICK_HZ
#define TERN_CFG_TICK_HZ 1000
#endif
#ifndef TERN_CFG_TIME_SLICE_TICKS
#define TERN_CFG_TIME_SLICE_TICKS 10  // round-robin slice among equal priorities; 0 = off
#endif
#ifndef TERN_CFG_TICKLESS_IDLE
#define TERN_CFG_TICKLESS_IDLE 1  // suppress the tick while idle
#endif
#ifndef TERN_CFG_STACK_CHECK
#define TERN_CFG_STACK_CHECK 1  // guard pattern checked at every switch
#endif
#ifndef TERN_CFG_TASK_STATS
#define TERN_CFG_TASK_STATS 1  // CPU share per task, sampled at each tick
#endif
#ifndef TERN_CFG_FAULT_RESET
#define TERN_CFG_FAULT_RESET 0  // after a fault report: 0 = halt, 1 = reset
#endif
#ifndef TERN_CFG_IDLE_STACK_BYTES
#define TERN_CFG_IDLE_STACK_BYTES 256
#endif

namespace tern::config {
inline constexpr unsigned priority_levels = TERN_CFG_PRIORITY_LEVELS;
inline constexpr uint32_t tick_hz = TERN_CFG_TICK_HZ;
inline constexpr uint32_t time_slice_ticks = TERN_CFG_TIME_SLICE_TICKS;
inline constexpr bool tickless_idle = TERN_CFG_TICKLESS_IDLE;
inline constexpr bool stack_check = TERN_CFG_STACK_CHECK;
inline constexpr bool task_stats = TERN_CFG_TASK_STATS;
inline constexpr bool fault_reset = TERN_CFG_FAULT_RESET;
inline constexpr uint32_t idle_stack_bytes = TERN_CFG_IDLE_STACK_BYTES;

static_assert(priority_levels >= 2 && priority_levels <= 256, "priority levels: 2..256");
static_assert(tick_hz >= 10 && tick_hz <= 100000, "tick rate out of range");
}  // namespace tern::config
