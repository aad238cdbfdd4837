// The board's devices from C++: the same table as the C API (include/tern/hal.h, the
// seed's hal_platform_t), under C++ names. hal::platform() is hal_platform_get().
#pragma once
#include "tern/hal.h"

namespace tern::hal {

using Platform = hal_platform_t;
using UartOps = hal_uart_ops_t;
using TimerOps = hal_timer_ops_t;
using BlockOps = hal_block_ops_t;
using NetOps = hal_net_ops_t;
using GpioOps = hal_gpio_ops_t;
using FlashOps = hal_flash_ops_t;
using SpiOps = hal_spi_ops_t;
using I2cOps = hal_i2c_ops_t;
using PowerOps = hal_power_ops_t;

inline const Platform& platform() { return *hal_platform_get(); }

// The board's own table (boards/<family>/<board>/): what hal_platform_get() returns
// until an application registers another.
extern const Platform board_platform;

}  // namespace tern::hal
