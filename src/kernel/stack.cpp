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

// The running task's guard was found overwritten at a switch. A task already stopped
// (or deleting itself) is on its way out: only a live one is stopped and reported.
void stack_guard_broken(Task& t) {
    if (t.state == TaskState::deleted || t.state == TaskState::faulted) {
        tern_sched.next = k.ready.highest();
        ++k.switches;
        port::request_switch();
        return;
    }
    report_stack_overflow(t);  // stops t and reschedules
}

[[gnu::no_sanitize_address]] uint32_t stack_high_water(const Task& t) {
    uint32_t untouched = 0;
    while (untouched < t.stack_bytes && t.stack_base[untouched] == fill_byte) ++untouched;
    return t.stack_bytes - untouched;
}

}  // namespace tern::kernel
