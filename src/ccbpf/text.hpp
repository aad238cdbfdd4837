// The few string utilities the core needs (no C++ standard library on bare metal).
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

namespace tern::ccbpf {

// A tiny snprintf: %s %d %u %x %c and %.*s. Always NUL-terminates (cap > 0).
size_t text_format(char* buf, size_t cap, const char* fmt, ...);
size_t text_vformat(char* buf, size_t cap, const char* fmt, va_list ap);

// Digits of v in `base` (10 or 16) into buf (>= 11 bytes), returns the count; no NUL.
int text_utoa(uint32_t v, unsigned base, bool upper, char* buf);

}  // namespace tern::ccbpf
