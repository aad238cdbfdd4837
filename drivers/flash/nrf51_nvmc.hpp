// Nordic nRF51 non-volatile memory controller: page erase and word writes of the on-chip
// flash (QEMU models the controller). Sizes are the chip variant's.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "drivers/mmio.hpp"
#include "tern/hal.h"

namespace tern::drivers {

template <uintptr_t Base, uint32_t FlashBytes, uint32_t PageBytes>
struct Nrf51Nvmc {
    static constexpr uintptr_t ready = Base + 0x400, config = Base + 0x504,
                               erasepage = Base + 0x508;
    static constexpr uint32_t read_only = 0, write_enable = 1, erase_enable = 2;

    static void wait_ready() {
        while (reg32(ready) == 0) {
        }
    }
    static os_error_t erase_page(uintptr_t a) {
        if (a >= FlashBytes || a % PageBytes != 0) return OS_ERROR_INVALID;
        reg32(config) = erase_enable;
        reg32(erasepage) = a;
        wait_ready();
        reg32(config) = read_only;
        return OS_OK;
    }
    // Word writes only (the NVMC's unit): address and length must be multiples of 4.
    static os_error_t write(uintptr_t a, const void* data, size_t n) {
        if (a % 4 != 0 || n % 4 != 0 || a + n > FlashBytes) return OS_ERROR_INVALID;
        const uint8_t* src = static_cast<const uint8_t*>(data);
        reg32(config) = write_enable;
        for (size_t i = 0; i < n; i += 4) {
            uint32_t w = static_cast<uint32_t>(src[i]) | static_cast<uint32_t>(src[i + 1]) << 8 |
                         static_cast<uint32_t>(src[i + 2]) << 16 |
                         static_cast<uint32_t>(src[i + 3]) << 24;
            reg32(a + i) = w;
            wait_ready();
        }
        reg32(config) = read_only;
        return OS_OK;
    }
    static constexpr hal_flash_ops_t ops{0, FlashBytes, PageBytes, erase_page, write};
};

}  // namespace tern::drivers
