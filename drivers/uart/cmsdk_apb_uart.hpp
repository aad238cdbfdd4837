// Arm CMSDK APB UART (the MPS2 FPGA images' UARTs; five of them on AN385/AN386/AN500 and
// on the SSE-200 of AN505). Polled: a full TX buffer is waited out, an empty RX buffer
// reads as -1. One instance per base address, so each has functions of its own for the
// board's hal_uart_ops_t.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

struct CmsdkApbUartRegs {
    volatile uint32_t data, state, ctrl, intstatus, bauddiv;
};

template <uintptr_t Base, uint32_t ClockHz>
struct CmsdkApbUart {
    static constexpr uint32_t tx_full = 1u << 0;  // state
    static constexpr uint32_t rx_full = 1u << 1;
    static constexpr uint32_t tx_enable = 1u << 0;  // ctrl
    static constexpr uint32_t rx_enable = 1u << 1;
    static constexpr uint32_t min_divider = 16;  // the block's lower bound on BAUDDIV

    static CmsdkApbUartRegs& regs() { return block_at<CmsdkApbUartRegs>(Base); }

    static void init_divider(uint32_t divider) {
        regs().bauddiv = divider;
        regs().ctrl = tx_enable | rx_enable;
    }
    static os_error_t init(uint32_t baud) {
        if (baud == 0 || ClockHz / baud < min_divider) return OS_ERROR_INVALID;
        init_divider(ClockHz / baud);
        return OS_OK;
    }
    static void putc(char c) {
        while (regs().state & tx_full) {
        }
        regs().data = static_cast<uint8_t>(c);
    }
    static int getc() {
        if (!(regs().state & rx_full)) return -1;
        return static_cast<int>(regs().data & 0xFF);
    }
    static void write(const void* data, size_t n) {
        const char* p = static_cast<const char*>(data);
        for (size_t i = 0; i < n; ++i) putc(p[i]);
    }
    static constexpr hal_uart_ops_t ops{init, putc, write, getc};
};

}  // namespace tern::drivers
