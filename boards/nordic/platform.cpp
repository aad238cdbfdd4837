// The nRF51 family's device table (include/tern/hal.h): UART0 (the console, the chip's
// only UART), TIMER0 as the counter, the 32 GPIO pins, the flash through the NVMC
// (1 KB pages), power. No SPI/I2C driver yet, no block or network device.
#include "drivers/flash/nrf51_nvmc.hpp"
#include "drivers/gpio/nrf51_gpio.hpp"
#include "drivers/uart/nrf51_uart.hpp"
#include "tern/board.hpp"
#include "tern/hal.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {
using Console = drivers::Nrf51Uart<board::map::uart_base>;
using Gpio = drivers::Nrf51Gpio<board::map::gpio_base>;
using Flash = drivers::Nrf51Nvmc<board::map::nvmc_base, TERN_BOARD_FLASH_BYTES,
                                 board::map::flash_page_bytes>;

void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr TimerOps timer{board::counter_hz, board::counter};
constexpr PowerOps power{power_sleep, nullptr, power_reset};
}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&Console::ops},
    .timer = &timer,
    .block = nullptr,
    .net = nullptr,
    .gpio = &Gpio::ops,
    .flash = &Flash::ops,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
