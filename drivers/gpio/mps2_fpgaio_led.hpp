// MPS2 FPGA I/O (AN385/AN386/AN500 and QEMU's model of them): the user LEDs in FPGAIO's LED0
// register, one bit a LED, as output-only GPIO pins (0 = LED0). The register reads back
// what was written, so read() tells a pin's level.
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base, uint32_t Leds>
struct Mps2FpgaioLeds {
    static constexpr uint32_t pin_count = Leds;
    static constexpr uintptr_t led0 = Base + 0x00;

    static os_error_t configure(uint32_t pin, hal_pin_mode_t mode) {
        if (pin >= pin_count || mode != HAL_PIN_OUTPUT) return OS_ERROR_INVALID;  // LEDs only
        return OS_OK;
    }
    static void write(uint32_t pin, int high) {
        if (pin >= pin_count) return;
        uint32_t v = reg32(led0);
        reg32(led0) = high != 0 ? (v | 1u << pin) : (v & ~(1u << pin));
    }
    static int read(uint32_t pin) {
        return pin < pin_count ? static_cast<int>((reg32(led0) >> pin) & 1u) : 0;
    }
    static constexpr hal_gpio_ops_t ops{pin_count, configure, write, read};
};

}  // namespace tern::drivers
