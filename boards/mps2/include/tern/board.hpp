// The MPS2 family's board interface for the Cortex-M port and the benchmarks: the numbers
// of the board's board_map.hpp under the names the port uses, and the functions the port
// needs (tern/port/board.hpp), defined in boards/mps2/mps2.cpp over the CMSDK drivers.
#pragma once
#include <stdint.h>

#include "board_map.hpp"
#include "tern/port/board.hpp"

namespace tern::board {

inline constexpr uint32_t cpu_hz = map::cpu_hz;      // SysTick runs on the CPU clock
inline constexpr uint32_t counter_hz = map::cpu_hz;  // CMSDK APB timer 0, free-running
inline constexpr unsigned irq_count = map::irq_count;          // external NVIC lines modelled
inline constexpr unsigned soft_irq_base = map::soft_irq_base;  // 8 lines wired to nothing
inline constexpr uintptr_t invalid_address = map::invalid_address;
inline constexpr uint32_t wake_timer_max_cycles = 0x7FFFFFFFu;  // CMSDK APB timer 1

}  // namespace tern::board
