// The Cortex-M NVIC's per-line registers, for the port and for board code that enables
// its devices' interrupt lines. Lines are external interrupt numbers (vector - 16).
#pragma once
#include <stdint.h>

namespace tern::port::nvic {

inline volatile uint32_t& word(uintptr_t bank, unsigned line) {
    return *reinterpret_cast<volatile uint32_t*>(bank + 4 * (line / 32));
}
inline constexpr uintptr_t iser = 0xE000E100u, icer = 0xE000E180u, ispr = 0xE000E200u,
                           icpr = 0xE000E280u;

inline void enable(unsigned line) { word(iser, line) = 1u << (line % 32); }
inline void set_pending(unsigned line) { word(ispr, line) = 1u << (line % 32); }
inline void clear_pending(unsigned line) { word(icpr, line) = 1u << (line % 32); }

}  // namespace tern::port::nvic
