// printf to the session's stream, through the kernel's formatter (the tree has one). Text
// leaves in pieces of a table row at most: nothing is cut.
#include <stdarg.h>

#include "tern/print.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

namespace {
void to_stream(void*, const char* s, size_t n) { write(s, n); }
}  // namespace

int printf(const char* fmt, ...) {
    char chunk[84];  // a table row of an 80-column terminal, and CR LF
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat_to(to_stream, nullptr, chunk, sizeof chunk, fmt, ap);
    va_end(ap);
    return static_cast<int>(n);
}

}  // namespace tern::shell
