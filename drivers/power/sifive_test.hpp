// The SiFive test device ("sifive,test", QEMU's virt machine): one word whose writes
// power the machine off or reset it.
#pragma once
#include <stdint.h>

#include "drivers/mmio.hpp"

namespace tern::drivers {

template <uintptr_t Base>
struct SifiveTest {
    static constexpr uint32_t reset_code = 0x7777, poweroff_code = 0x5555;

    [[noreturn]] static void reset() {
        reg32(Base) = reset_code;
        for (;;) {
        }
    }
};

}  // namespace tern::drivers
