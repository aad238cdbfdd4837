// The console printf. Formats in chunks into a small stack buffer so that no output
// length is too long and no heap is used.
#include "tern/print.hpp"

#include <stdint.h>
#include <string.h>

#include "tern/port.hpp"

namespace tern {

namespace {

struct Sink {
    char* buf;
    size_t size;
    size_t len;
    void put(char c) {
        if (len + 1 < size) buf[len] = c;
        ++len;
    }
};

void put_padded(Sink& out, const char* s, size_t n, int width, bool left, char pad) {
    int fill = width > static_cast<int>(n) ? width - static_cast<int>(n) : 0;
    if (!left) {
        while (fill-- > 0) out.put(pad);
    }
    for (size_t i = 0; i < n; ++i) out.put(s[i]);
    if (left) {
        while (fill-- > 0) out.put(' ');
    }
}

void put_number(Sink& out, uint32_t v, bool negative, unsigned base, bool upper, int width,
                bool left, bool zero) {
    char digits[12];
    size_t n = 0;
    const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        digits[n++] = set[v % base];
        v /= base;
    } while (v != 0);
    if (negative) {
        if (zero && !left) {
            out.put('-');
            if (width > 0) --width;
        } else {
            digits[n++] = '-';
        }
    }
    char text[12];
    for (size_t i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
    put_padded(out, text, n, width, left, zero && !left ? '0' : ' ');
}

}  // namespace

size_t vformat(char* buf, size_t size, const char* fmt, va_list ap) {
    Sink out{buf, size, 0};
    for (const char* p = fmt; *p != '\0'; ++p) {
        if (*p != '%') {
            out.put(*p);
            continue;
        }
        bool left = false, zero = false;
        for (++p; *p == '-' || *p == '0'; ++p) {
            if (*p == '-') left = true;
            if (*p == '0') zero = true;
        }
        int width = 0;
        while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
        switch (*p) {
            case 'd':
            case 'i': {
                int v = va_arg(ap, int);
                uint32_t mag = v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v);
                put_number(out, mag, v < 0, 10, false, width, left, zero);
                break;
            }
            case 'u': put_number(out, va_arg(ap, unsigned), false, 10, false, width, left, zero); break;
            case 'x': put_number(out, va_arg(ap, unsigned), false, 16, false, width, left, zero); break;
            case 'X': put_number(out, va_arg(ap, unsigned), false, 16, true, width, left, zero); break;
            case 'p': {
                uintptr_t v = reinterpret_cast<uintptr_t>(va_arg(ap, void*));
                out.put('0');
                out.put('x');
                put_number(out, static_cast<uint32_t>(v), false, 16, false, 8, false, true);
                break;
            }
            case 'c': {
                char c = static_cast<char>(va_arg(ap, int));
                put_padded(out, &c, 1, width, left, ' ');
                break;
            }
            case 's': {
                const char* s = va_arg(ap, const char*);
                if (s == nullptr) s = "(null)";
                put_padded(out, s, strlen(s), width, left, ' ');
                break;
            }
            case '%': out.put('%'); break;
            case '\0': --p; break;
            default:
                out.put('%');
                out.put(*p);
                break;
        }
    }
    if (size > 0) buf[out.len < size ? out.len : size - 1] = '\0';
    return out.len;
}

size_t format(char* buf, size_t size, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int print(const char* fmt, ...) {
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= sizeof buf) n = sizeof buf - 1;  // long lines are cut, never overflow
    port::console_write(buf, n);
    return static_cast<int>(n);
}

void puts_raw(const char* s) { port::console_write(s, strlen(s)); }

}  // namespace tern
