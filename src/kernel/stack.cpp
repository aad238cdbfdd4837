// Stack watermarking and the overflow guard.
// Each stack is filled with a pattern at creation; the lowest guard_bytes are the guard,
// checked whenever the task is switched out. The high-water mark is the first byte,
// from the bottom, that no longer holds the pattern.
#include <string.h>

#include "sched.hpp"

namespace tern::kernel {

namespace {
constexpr uint8_t fill_byte = stack_fill_word & 0xFF;
}  // namespace

void stack_fill(Task& t) { memset(t.stack_base, fill_byte, t.stack_bytes); }

[[gnu::no_sanitize_address]] uint32_t stack_high_water(const Task& t) {
    uint32_t untouched = 0;
    while (untouched < t.stack_bytes && t.stack_base[untouched] == fill_byte) ++untouched;
    return t.stack_bytes - untouched;
}

}  // namespace tern::kernel
