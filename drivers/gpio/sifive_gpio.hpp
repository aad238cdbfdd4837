// SiFive GPIO (FE310): 32 pins with input and output enables and pull-ups (no pull-downs).
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base>
struct SifiveGpio {
    static constexpr uint32_t pin_count = 32;
    static constexpr uintptr_t input_val = Base + 0x00, input_en = Base + 0x04,
                               output_en = Base + 0x08, output_val = Base + 0x0C,
                               pue = Base + 0x10;

    static void set_bit(uintptr_t r, uint32_t pin, bool on) {
        reg32(r) = on ? (reg32(r) | 1u << pin) : (reg32(r) & ~(1u << pin));
    }
    static os_error_t configure(uint32_t pin, hal_pin_mode_t mode) {
        if (pin >= pin_count) return OS_ERROR_INVALID;
        if (mode == HAL_PIN_INPUT_PULLDOWN) return OS_ERROR_INVALID;  // pull-ups only
        set_bit(output_en, pin, mode == HAL_PIN_OUTPUT);
        set_bit(input_en, pin, true);  // an output reads back its level
        set_bit(pue, pin, mode == HAL_PIN_INPUT_PULLUP);
        return OS_OK;
    }
    static void write(uint32_t pin, int high) { set_bit(output_val, pin, high != 0); }
    static int read(uint32_t pin) { return static_cast<int>((reg32(input_val) >> pin) & 1u); }
    static constexpr hal_gpio_ops_t ops{pin_count, configure, write, read};
};

}  // namespace tern::drivers
