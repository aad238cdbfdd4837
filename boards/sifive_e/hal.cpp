// sifive_e peripheral op-tables: console UART, the FE310's 32 GPIO pins, power.
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

constexpr uintptr_t gpio = 0x10012000u;
constexpr uintptr_t input_val = gpio + 0x00, input_en = gpio + 0x04, output_en = gpio + 0x08,
                    output_val = gpio + 0x0C, pue = gpio + 0x10;

void set_bit(uintptr_t r, uint32_t pin, bool on) {
    reg(r) = on ? (reg(r) | 1u << pin) : (reg(r) & ~(1u << pin));
}

Result gpio_configure(uint32_t pin, PinMode mode) {
    if (pin >= 32) return Result::invalid;
    if (mode == PinMode::input_pulldown) return Result::invalid;  // FE310: pull-ups only
    set_bit(output_en, pin, mode == PinMode::output);
    set_bit(input_en, pin, true);  // an output reads back its level
    set_bit(pue, pin, mode == PinMode::input_pullup);
    return Result::ok;
}
void gpio_write(uint32_t pin, bool high) { set_bit(output_val, pin, high); }
bool gpio_read(uint32_t pin) { return (reg(input_val) >> pin) & 1u; }

void power_sleep() { port::wait_for_interrupt(); }
[[noreturn]] void power_reset() { port::reset(); }

constexpr UartOps uart{uart_write, board::console_getc};
constexpr GpioOps gpio_ops{32, gpio_configure, gpio_write, gpio_read};
constexpr PowerOps power{power_sleep, power_reset};
constexpr Board table{"sifive_e", &uart, &gpio_ops, nullptr, nullptr, nullptr, &power};

}  // namespace

const Board& board() { return table; }

}  // namespace tern::hal
