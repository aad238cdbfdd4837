// A small printf for the console: %d %i %u %x %X %c %s %p %%, width, '-' and '0' flags.
// No heap, no floating point, bounded stack; safe from any task.
#pragma once
#include <stdarg.h>
#include <stddef.h>

namespace tern {

using WriteFn = void (*)(void* ctx, const char* s, size_t n);

// Formats into buf (always NUL-terminated when size > 0); returns the length it wanted.
size_t format(char* buf, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
size_t vformat(char* buf, size_t size, const char* fmt, va_list ap);
// Formats to a stream: `write` gets the text in pieces of at most `chunk_size` bytes
// (staged in `chunk`), so any length is written whole. Returns the characters written.
size_t vformat_to(WriteFn write, void* ctx, char* chunk, size_t chunk_size, const char* fmt,
                  va_list ap);
// Writes to the console, however long; returns the number of characters written.
int print(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void puts_raw(const char* s);

}  // namespace tern
