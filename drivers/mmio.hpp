// Memory-mapped registers, for the drivers under drivers/: a register is a volatile word at
// a fixed address, and a block of them a struct laid over its base address.
#pragma once
#include <stdint.h>

namespace tern::drivers {

inline volatile uint32_t& reg32(uintptr_t address) {
    return *reinterpret_cast<volatile uint32_t*>(address);
}
inline volatile uint8_t& reg8(uintptr_t address) {
    return *reinterpret_cast<volatile uint8_t*>(address);
}
template <typename Block>
Block& block_at(uintptr_t address) {
    return *reinterpret_cast<Block*>(address);
}

}  // namespace tern::drivers
