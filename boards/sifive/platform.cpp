// The FE310 family's device table (include/tern/hal.h): UART0 (the console) and UART1,
// mtime as the counter, the 32 GPIO pins, power. No flash, SPI or I2C driver yet (the QSPI
// flash holds the running code), no block or network device.
#include "drivers/gpio/sifive_gpio.hpp"
#include "drivers/uart/sifive_uart.hpp"
#include "tern/board.hpp"
#include "tern/hal.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {
template <unsigned N>
using Uart = drivers::SifiveUart<board::map::uart_base[N], board::map::uart_clock_hz>;
using Gpio = drivers::SifiveGpio<board::map::gpio_base>;

void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr TimerOps timer{board::counter_hz, board::counter};
constexpr PowerOps power{power_sleep, nullptr, power_reset};
}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&Uart<0>::ops, &Uart<1>::ops},
    .timer = &timer,
    .block = nullptr,
    .net = nullptr,
    .gpio = &Gpio::ops,
    .flash = nullptr,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
