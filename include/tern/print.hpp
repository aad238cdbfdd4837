// A small printf for the console: %d %i %u %x %X %c %s %p %%, width, '-' and '0' flags.
// No heap, no floating point, bounded stack; safe from any task.
#pragma once
#include <stdarg.h>
#include <stddef.h>

namespace tern {

// Formats into buf (always NUL-terminated when size > 0); returns the length it wanted.
size_t format(char* buf, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
size_t vformat(char* buf, size_t size, const char* fmt, va_list ap);
// Writes to the console; returns the number of characters written.
int print(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void puts_raw(const char* s);

}  // namespace tern
