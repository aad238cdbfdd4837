// Build-time configuration of the kernel services (as config.hpp does for the core).
#pragma once
#include <stdint.h>
#include "tern/config.hpp"

#ifndef TERN_CFG_HEAP_BYTES
#define TERN_CFG_HEAP_BYTES 8192  // the kernel heap's static arena
#endif
#ifndef TERN_CFG_TIMER_PRIORITY
#define TERN_CFG_TIMER_PRIORITY (TERN_CFG_PRIORITY_LEVELS - 2)  // timer-service task
#endif
#ifndef TERN_CFG_TIMER_STACK_BYTES
#define TERN_CFG_TIMER_STACK_BYTES 1024
#endif
#ifndef TERN_CFG_OS_MAX_TASKS
#define TERN_CFG_OS_MAX_TASKS 8  // C API: tasks created with a stack from its pool
#endif
#ifndef TERN_CFG_OS_STACK_BYTES
#define TERN_CFG_OS_STACK_BYTES 1024  // C API: each pool stack (the seed's STACK_SIZE)
#endif

namespace tern::config {
inline constexpr uint32_t heap_bytes = TERN_CFG_HEAP_BYTES;
inline constexpr unsigned timer_priority = TERN_CFG_TIMER_PRIORITY;
inline constexpr uint32_t timer_stack_bytes = TERN_CFG_TIMER_STACK_BYTES;
inline constexpr uint32_t os_max_tasks = TERN_CFG_OS_MAX_TASKS;
inline constexpr uint32_t os_stack_bytes = TERN_CFG_OS_STACK_BYTES;
static_assert(heap_bytes % 8 == 0 && heap_bytes >= 64, "heap: a multiple of 8, at least 64");
static_assert(timer_priority < priority_levels, "timer priority out of range");
}  // namespace tern::config
