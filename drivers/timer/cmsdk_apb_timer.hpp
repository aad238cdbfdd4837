// Arm CMSDK APB timer (MPS2 FPGA images, SSE-200): a 32-bit down-counter with reload and an
// interrupt at zero. Two uses: free-running from 0xFFFFFFFF, read inverted as an
// up-counter; and a one-shot that makes its interrupt pending `cycles` from now.
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"

namespace tern::drivers {

struct CmsdkApbTimerRegs {
    volatile uint32_t ctrl, value, reload, intstatus;
};

template <uintptr_t Base>
struct CmsdkApbTimer {
    static constexpr uint32_t enable = 1u << 0;  // ctrl
    static constexpr uint32_t irq_enable = 1u << 3;
    // The one-shot's longest wait that cannot be taken for a wrapped one by the port.
    static constexpr uint32_t max_cycles = 0x7FFFFFFFu;

    static CmsdkApbTimerRegs& regs() { return block_at<CmsdkApbTimerRegs>(Base); }

    static void start_free_running() {  // no interrupt: a counter only
        regs().ctrl = 0;
        regs().reload = 0xFFFFFFFFu;
        regs().value = 0xFFFFFFFFu;
        regs().ctrl = enable;
    }
    static uint32_t up_count() { return ~regs().value; }

    static void stop() { regs().ctrl = 0; }
    static void arm_once(uint32_t cycles) {
        regs().ctrl = 0;
        regs().intstatus = 1;  // clear
        regs().reload = cycles;
        regs().value = cycles;
        regs().ctrl = enable | irq_enable;
    }
    static void disarm() {
        regs().ctrl = 0;
        regs().intstatus = 1;
    }
};

}  // namespace tern::drivers
