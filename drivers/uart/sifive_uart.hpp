// SiFive UART (FE310: UART0 at 0x10013000, UART1 at 0x10023000). Polled: txdata's top bit
// says the TX FIFO is full, rxdata's that the RX FIFO is empty.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

struct SifiveUartRegs {
    volatile uint32_t txdata, rxdata, txctrl, rxctrl, ie, ip, div;
};

template <uintptr_t Base, uint32_t ClockHz>
struct SifiveUart {
    static constexpr uint32_t fifo_flag = 1u << 31;  // txdata: full; rxdata: empty

    static SifiveUartRegs& regs() { return block_at<SifiveUartRegs>(Base); }

    static void start() {
        regs().txctrl = 1;  // txen
        regs().rxctrl = 1;  // rxen
    }
    static os_error_t init(uint32_t baud) {  // div = clock / baud - 1
        if (baud == 0 || ClockHz / baud < 2) return OS_ERROR_INVALID;
        regs().div = ClockHz / baud - 1;
        start();
        return OS_OK;
    }
    static void putc(char c) {
        while (regs().txdata & fifo_flag) {
        }
        regs().txdata = static_cast<uint8_t>(c);
    }
    static int getc() {
        uint32_t v = regs().rxdata;
        if (v & fifo_flag) return -1;
        return static_cast<int>(v & 0xFF);
    }
    static void write(const void* data, size_t n) {
        const char* p = static_cast<const char*>(data);
        for (size_t i = 0; i < n; ++i) putc(p[i]);
    }
    static constexpr hal_uart_ops_t ops{init, putc, write, getc};
};

}  // namespace tern::drivers
