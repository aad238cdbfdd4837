// microbit peripheral op-tables: console UART, the nRF51's 32 GPIO pins, its flash
// through the NVMC (1 KB pages; QEMU models the controller), power.
#include "tern/hal.hpp"

#include "tern/board.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {

volatile uint32_t& reg(uintptr_t a) { return *reinterpret_cast<volatile uint32_t*>(a); }

void uart_write(const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    for (size_t i = 0; i < n; ++i) board::console_putc(p[i]);
}

constexpr uintptr_t gpio = 0x50000000u;
constexpr uintptr_t gpio_outset = gpio + 0x508, gpio_outclr = gpio + 0x50C, gpio_in = gpio + 0x510;
constexpr uintptr_t gpio_cnf = gpio + 0x700;

Result gpio_configure(uint32_t pin, PinMode mode) {
    if (pin >= 32) return Result::invalid;
    // PIN_CNF: DIR (bit 0), INPUT buffer disconnect (bit 1, kept connected so an output
    // reads back), PULL (bits 2-3: 1 down, 3 up).
    uint32_t cnf = 0;
    switch (mode) {
    case PinMode::output: cnf = 1; break;
    case PinMode::input: cnf = 0; break;
    case PinMode::input_pulldown: cnf = 1u << 2; break;
    case PinMode::input_pullup: cnf = 3u << 2; break;
    }
    reg(gpio_cnf + 4 * pin) = cnf;
    return Result::ok;
}
void gpio_write(uint32_t pin, bool high) { reg(high ? gpio_outset : gpio_outclr) = 1u << pin; }
bool gpio_read(uint32_t pin) { return (reg(gpio_in) >> pin) & 1u; }

constexpr uintptr_t nvmc = 0x4001E000u;
constexpr uintptr_t nvmc_ready = nvmc + 0x400, nvmc_config = nvmc + 0x504,
                    nvmc_erasepage = nvmc + 0x508;
constexpr uint32_t flash_bytes = 256 * 1024, page_bytes = 1024;

void nvmc_wait() {
    while (reg(nvmc_ready) == 0) {
    }
}

Result flash_erase_page(uintptr_t a) {
    if (a >= flash_bytes || a % page_bytes != 0) return Result::invalid;
    reg(nvmc_config) = 2;  // erase enable
    reg(nvmc_erasepage) = a;
    nvmc_wait();
    reg(nvmc_config) = 0;
    return Result::ok;
}

// Word writes only (the NVMC's unit): address and length must be multiples of 4.
Result flash_write(uintptr_t a, const void* data, size_t n) {
    if (a % 4 != 0 || n % 4 != 0 || a + n > flash_bytes) return Result::invalid;
    const uint8_t* src = static_cast<const uint8_t*>(data);
    reg(nvmc_config) = 1;  // write enable
    for (size_t i = 0; i < n; i += 4) {
        uint32_t w = static_cast<uint32_t>(src[i]) | static_cast<uint32_t>(src[i + 1]) << 8 |
                     static_cast<uint32_t>(src[i + 2]) << 16 |
                     static_cast<uint32_t>(src[i + 3]) << 24;
        reg(a + i) = w;
        nvmc_wait();
    }
    reg(nvmc_config) = 0;
    return Result::ok;
}

void power_sleep() { port::wait_for_interrupt(); }
[[noreturn]] void power_reset() { port::reset(); }

constexpr UartOps uart{uart_write, board::console_getc};
constexpr GpioOps gpio_ops{32, gpio_configure, gpio_write, gpio_read};
constexpr FlashOps flash{0, flash_bytes, page_bytes, flash_erase_page, flash_write};
constexpr PowerOps power{power_sleep, power_reset};
constexpr Board table{"microbit", &uart, &gpio_ops, &flash, nullptr, nullptr, &power};

}  // namespace

const Board& board() { return table; }

}  // namespace tern::hal
