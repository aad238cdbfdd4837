// Stack watermarking and the overflow guard.
// Each stack is filled with a pattern at creation; the lowest guard_bytes are the guard,
// checked whenever the task is switched out. The high-water mark is the first byte,
// from the bottom, that no longer holds the pattern.
#include <string.h>

#include "sched.hpp"
#include "tern/print.hpp"

namespace tern::kernel {

namespace {
constexpr uint8_t fill_byte = 0xA5;
constexpr uint32_t fill_word = 0xA5A5A5A5u;
constexpr uint32_t guard_bytes = 16;
}  // namespace

void stack_fill(Task& t) { memset(t.stack_base, fill_byte, t.stack_bytes); }

bool stack_guard_intact(const Task& t) {
    // The first and last words of the guard: an overflow writing downwards crosses the
    // last word first, and a large frame jumping over it lands on the first or below.
    const uint32_t* g = reinterpret_cast<const uint32_t*>(t.stack_base);
    return g[0] == fill_word && g[guard_bytes / 4 - 1] == fill_word;
}

uint32_t stack_high_water(const Task& t) {
    uint32_t untouched = 0;
    while (untouched < t.stack_bytes && t.stack_base[untouched] == fill_byte) ++untouched;
    return t.stack_bytes - untouched;
}

}  // namespace tern::kernel
