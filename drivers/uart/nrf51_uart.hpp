// Nordic nRF51 UART (the micro:bit's one UART): tasks and events, polled. TXD is written
// and TXDRDY waited for; RXDRDY says a byte is in RXD.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base>
struct Nrf51Uart {
    static constexpr uintptr_t tasks_startrx = Base + 0x000, tasks_starttx = Base + 0x008;
    static constexpr uintptr_t events_rxdrdy = Base + 0x108, events_txdrdy = Base + 0x11C;
    static constexpr uintptr_t enable = Base + 0x500, rxd = Base + 0x518, txd = Base + 0x51C;
    static constexpr uintptr_t baudrate = Base + 0x524;

    static void start() {
        reg32(enable) = 4;
        reg32(tasks_starttx) = 1;
        reg32(tasks_startrx) = 1;
    }
    // BAUDRATE holds baud * 2^32 / 16 MHz, rounded as the reference manual's table is
    // (115200 -> 0x01D7E000): the fraction kept to the top 20 bits.
    static os_error_t init(uint32_t baud) {
        if (baud == 0 || baud > 1000000) return OS_ERROR_INVALID;
        uint64_t v = (static_cast<uint64_t>(baud) << 32) / 16000000u;
        reg32(baudrate) = static_cast<uint32_t>((v + 0x800) & 0xFFFFF000u);
        start();
        return OS_OK;
    }
    static void putc(char c) {
        reg32(events_txdrdy) = 0;
        reg32(txd) = static_cast<uint8_t>(c);
        while (reg32(events_txdrdy) == 0) {
        }
    }
    static int getc() {
        if (reg32(events_rxdrdy) == 0) return -1;
        reg32(events_rxdrdy) = 0;
        return static_cast<int>(reg32(rxd) & 0xFF);
    }
    static void write(const void* data, size_t n) {
        const char* p = static_cast<const char*>(data);
        for (size_t i = 0; i < n; ++i) putc(p[i]);
    }
    static constexpr hal_uart_ops_t ops{init, putc, write, getc};
};

}  // namespace tern::drivers
