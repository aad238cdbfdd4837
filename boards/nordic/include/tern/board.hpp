// The nRF51 family's board interface for the Cortex-M port and the benchmarks: the numbers
// of the board's board_map.hpp under the names the port uses, and the functions the port
// needs (tern/port/board.hpp), defined in boards/nordic/nrf51.cpp over the nRF51 drivers.
#pragma once
#include <stdint.h>

#include "board_map.hpp"
#include "tern/port/board.hpp"

namespace tern::board {

inline constexpr uint32_t cpu_hz = map::cpu_hz;        // HCLK; QEMU's SysTick runs on it
inline constexpr uint32_t counter_hz = map::timer_hz;  // TIMER0, prescaler 0, 32-bit mode
inline constexpr unsigned irq_count = map::irq_count;
inline constexpr unsigned soft_irq_base = map::soft_irq_base;
inline constexpr uintptr_t invalid_address = map::invalid_address;
inline constexpr uint32_t wake_timer_max_cycles = 0x7FFFFFFFu;  // TIMER0 compare 1

}  // namespace tern::board
