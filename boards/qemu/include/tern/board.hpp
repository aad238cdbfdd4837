// The QEMU virt family's board interface for the RISC-V port and the benchmarks: the numbers
// of the board's board_map.hpp under the names the port uses, and the functions the port
// needs (tern/port/board.hpp), defined in boards/qemu/virt.cpp.
#pragma once
#include <stdint.h>

#include "board_map.hpp"
#include "tern/port/board.hpp"

namespace tern::board {

inline constexpr uintptr_t clint_base = map::clint_base;  // msip, mtimecmp, mtime
inline constexpr uint32_t mtime_hz = map::mtime_hz;
inline constexpr uint32_t counter_hz = mtime_hz;  // the counter is mtime's low word
inline constexpr uintptr_t invalid_address = map::invalid_address;  // an access faults

}  // namespace tern::board
