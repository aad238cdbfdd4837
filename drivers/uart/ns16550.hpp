// NS16550A UART with byte-wide registers (QEMU's virt machine). Polled through the line
// status register: THR empty before a write, data ready before a read.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base, uint32_t ClockHz>
struct Ns16550 {
    static constexpr uintptr_t thr = Base + 0, rbr = Base + 0, dll = Base + 0, dlm = Base + 1;
    static constexpr uintptr_t lcr = Base + 3, lsr = Base + 5;
    static constexpr uint8_t lsr_data_ready = 0x01, lsr_thr_empty = 0x20;
    static constexpr uint8_t lcr_8n1 = 0x03, lcr_divisor_latch = 0x80;

    static os_error_t init(uint32_t baud) {  // divisor = clock / (16 * baud)
        if (baud == 0 || ClockHz / (16 * baud) == 0 || ClockHz / (16 * baud) > 0xFFFF)
            return OS_ERROR_INVALID;
        uint32_t divisor = ClockHz / (16 * baud);
        reg8(lcr) = lcr_divisor_latch;
        reg8(dll) = static_cast<uint8_t>(divisor);
        reg8(dlm) = static_cast<uint8_t>(divisor >> 8);
        reg8(lcr) = lcr_8n1;
        return OS_OK;
    }
    static void putc(char c) {
        while (!(reg8(lsr) & lsr_thr_empty)) {
        }
        reg8(thr) = static_cast<uint8_t>(c);
    }
    static int getc() {
        if (!(reg8(lsr) & lsr_data_ready)) return -1;
        return reg8(rbr);
    }
    static void write(const void* data, size_t n) {
        const char* p = static_cast<const char*>(data);
        for (size_t i = 0; i < n; ++i) putc(p[i]);
    }
    static constexpr hal_uart_ops_t ops{init, putc, write, getc};
};

}  // namespace tern::drivers
