// Nordic nRF51 GPIO: 32 pins, each configured through its PIN_CNF word.
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base>
struct Nrf51Gpio {
    static constexpr uint32_t pin_count = 32;
    static constexpr uintptr_t outset = Base + 0x508, outclr = Base + 0x50C, in = Base + 0x510;
    static constexpr uintptr_t pin_cnf = Base + 0x700;

    static os_error_t configure(uint32_t pin, hal_pin_mode_t mode) {
        if (pin >= pin_count) return OS_ERROR_INVALID;
        // PIN_CNF: DIR (bit 0), INPUT buffer disconnect (bit 1, kept connected so an output
        // reads back), PULL (bits 2-3: 1 down, 3 up).
        uint32_t cnf = 0;
        switch (mode) {
        case HAL_PIN_OUTPUT: cnf = 1; break;
        case HAL_PIN_INPUT: cnf = 0; break;
        case HAL_PIN_INPUT_PULLDOWN: cnf = 1u << 2; break;
        case HAL_PIN_INPUT_PULLUP: cnf = 3u << 2; break;
        default: return OS_ERROR_INVALID;
        }
        reg32(pin_cnf + 4 * pin) = cnf;
        return OS_OK;
    }
    static void write(uint32_t pin, int high) { reg32(high ? outset : outclr) = 1u << pin; }
    static int read(uint32_t pin) { return static_cast<int>((reg32(in) >> pin) & 1u); }
    static constexpr hal_gpio_ops_t ops{pin_count, configure, write, read};
};

}  // namespace tern::drivers
