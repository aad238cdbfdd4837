// How the executor masks interrupts while it polls a task (config::preempt_below): every
// interrupt (port::irq_save), or, where the port has a priority mask, only those less
// urgent than preempt_below (port::priority_mask_raise). The CPU side lives in the port.
#pragma once
#include <stdint.h>

#include "tern/async/config.hpp"
#include "tern/port.hpp"

namespace tern::async::detail {

inline uint32_t poll_mask() {
    if constexpr (config::preempt_below == 0) {
        return port::irq_save();
    } else if constexpr (port::has_priority_mask) {
        return port::priority_mask_raise(config::preempt_below);
    } else {
        return 0;  // no priority mask on this core: every interrupt may preempt
    }
}

inline void poll_unmask(uint32_t saved) {
    if constexpr (config::preempt_below == 0) {
        port::irq_restore(saved);
    } else if constexpr (port::has_priority_mask) {
        port::priority_mask_restore(saved);
    } else {
        (void)saved;
    }
}

}  // namespace tern::async::detail
