// printf to the session's stream, through the kernel's small formatter. A line wider than
// the buffer is cut (commands print tables, one row per call).
#include <stdarg.h>

#include "tern/print.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

int printf(const char* fmt, ...) {
    char buf[84];  // a table row of an 80-column terminal, and CR LF
    va_list ap;
    va_start(ap, fmt);
    size_t wanted = vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = wanted < sizeof buf ? wanted : sizeof buf - 1;
    write(buf, n);
    return static_cast<int>(n);
}

}  // namespace tern::shell
