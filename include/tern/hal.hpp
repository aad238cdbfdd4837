// Board peripherals for applications and drivers: one op-table per peripheral class, and
// one table of those per board. A board fills in what it has and leaves the rest null, so
// code asks `if (auto* g = hal::board().gpio)` instead of #ifdef-ing on the board.
//
// The kernel never sees this file. What the kernel needs from the hardware (interrupt
// save/restore, switch trigger, tick set-up and suppression, time counter, wait for
// interrupt, reset, fault capture) is the port facade, include/tern/port.hpp: it is
// inline where it must be fast, and link-time (not a table) so that it costs nothing.
// These tables are for the slower, optional devices around the core.
//
// Every operation is synchronous and callable from a task; which ones are also safe in an
// interrupt handler is said per operation. Sizes and pin numbers are the board's own.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/result.hpp"

namespace tern::hal {

struct UartOps {
    // Writes all n bytes, waiting for room (ISR-safe: polls, never blocks on the kernel).
    void (*write)(const void* data, size_t n);
    // One received byte, or -1 when none is waiting (ISR-safe).
    int (*read_byte)();
};

enum class PinMode : uint8_t { input, output, input_pullup, input_pulldown };

struct GpioOps {
    uint32_t pin_count;
    Result (*configure)(uint32_t pin, PinMode mode);
    void (*write)(uint32_t pin, bool high);  // ISR-safe
    bool (*read)(uint32_t pin);              // the pin's level (ISR-safe)
};

struct FlashOps {
    uintptr_t base;       // address of the first byte, where reads are plain loads
    uint32_t size;        // bytes
    uint32_t page_bytes;  // erase unit
    Result (*erase_page)(uintptr_t address);
    Result (*write)(uintptr_t address, const void* data, size_t n);  // into erased bytes
};

struct SpiOps {
    Result (*configure)(uint32_t hz, uint8_t mode);  // mode: CPOL << 1 | CPHA
    // Full duplex: n bytes out of tx (null: zeros), n bytes into rx (null: discarded).
    Result (*transfer)(const void* tx, void* rx, size_t n);
};

struct I2cOps {
    Result (*write)(uint8_t address, const void* data, size_t n);
    Result (*read)(uint8_t address, void* data, size_t n);
};

struct PowerOps {
    void (*sleep)();                // until the next interrupt, as the idle task does
    [[noreturn]] void (*reset)();   // the whole chip
};

struct Board {
    const char* name;
    const UartOps* uart;  // the console
    const GpioOps* gpio;
    const FlashOps* flash;
    const SpiOps* spi;
    const I2cOps* i2c;
    const PowerOps* power;
};

// The running board's table, defined by the board (boards/<b>/hal.cpp).
const Board& board();

}  // namespace tern::hal
