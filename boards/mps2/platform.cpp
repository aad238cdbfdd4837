// The MPS2 family's device table (include/tern/hal.h): CMSDK UART0 (the console) and
// UART1..3 (UART4 has no slot), the board's counter, power, and the two user LEDs of the
// FPGA I/O block as GPIO pins 0 and 1 (QEMU models the CMSDK GPIO blocks only as
// unimplemented regions, so the LEDs are the GPIO there is); the PL022 SPI and SBCon I2C
// controllers exist in QEMU with nothing attached, so they stay empty too until a driver
// and a device come together. No block or network device.
#include "drivers/gpio/mps2_fpgaio_led.hpp"
#include "drivers/uart/cmsdk_apb_uart.hpp"
#include "tern/board.hpp"
#include "tern/hal.hpp"
#include "tern/port.hpp"

namespace tern::hal {

namespace {
template <unsigned N>
using Uart = drivers::CmsdkApbUart<board::map::uart_base[N], board::map::cpu_hz>;

void power_sleep() { port::wait_for_interrupt(); }
void power_reset() { port::reset(); }

constexpr TimerOps timer{board::counter_hz, board::counter};
using Leds = drivers::Mps2FpgaioLeds<board::map::fpgaio_base, board::map::user_leds>;
constexpr PowerOps power{power_sleep, nullptr, power_reset};
}  // namespace

constexpr Platform board_platform{
    .name = TERN_HAL_BOARD_NAME,
    .uart = {&Uart<0>::ops, &Uart<1>::ops, &Uart<2>::ops, &Uart<3>::ops},
    .timer = &timer,
    .block = nullptr,
    .net = nullptr,
    .gpio = &Leds::ops,
    .flash = nullptr,
    .spi = {},
    .i2c = {},
    .power = &power,
};

}  // namespace tern::hal
