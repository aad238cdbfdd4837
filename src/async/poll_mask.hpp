// How the executor masks interrupts while it polls a task (config::preempt_below).
// This is the only architecture-specific code in tern::async: the port API has one mask
// (irq_save), so priority-filtered masking uses BASEPRI directly where the core has it.
#pragma once
#include <stdint.h>

#include "tern/async/config.hpp"
#include "tern/port.hpp"

namespace tern::async::detail {

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_8M_MAIN__)
inline constexpr bool has_priority_mask = true;
#else
inline constexpr bool has_priority_mask = false;
#endif

inline uint32_t poll_mask() {
    if constexpr (config::preempt_below == 0) {
        return port::irq_save();
    } else if constexpr (has_priority_mask) {
        uint32_t old;
        // BASEPRI_MAX only ever raises the mask, so a nested call cannot lower it.
        asm volatile("mrs %0, basepri\n\tmsr basepri_max, %1"
                     : "=&r"(old)
                     : "r"(config::preempt_below)
                     : "memory");
        return old;
    } else {
        return 0;  // no priority mask on this core: every interrupt may preempt
    }
}

inline void poll_unmask(uint32_t saved) {
    if constexpr (config::preempt_below == 0) {
        port::irq_restore(saved);
    } else if constexpr (has_priority_mask) {
        asm volatile("msr basepri, %0" ::"r"(saved) : "memory");
    } else {
        (void)saved;
    }
}

}  // namespace tern::async::detail
