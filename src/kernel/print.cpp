// The one formatter of the tree: format() into a buffer, print() to the console and the
// shell's printf to its stream. Output to a stream goes through a small stack buffer
// flushed whenever it fills, so that no output is too long, none is cut and no heap is
// used; a line that fits the buffer leaves in one write, so it is not torn by another
// task's output.
#include "tern/print.hpp"

#include <stdint.h>
#include <string.h>

#include "tern/port.hpp"

namespace tern {

namespace {

// Either a bounded buffer (flush null: what does not fit is counted, not written) or a
// chunk of a stream (flushed to `flush` when full and at the end).
struct Sink {
    char* buf;
    size_t size;
    size_t len;  // characters produced
    WriteFn flush = nullptr;
    void* ctx = nullptr;
    size_t used = 0;  // chunk bytes not yet flushed
    void put(char c) {
        if (flush != nullptr) {
            if (used == size) {
                flush(ctx, buf, used);
                used = 0;
            }
            buf[used++] = c;
        } else if (len + 1 < size) {
            buf[len] = c;
        }
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

void format_into(Sink& out, const char* fmt, va_list ap) {
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
}

void console_chunk(void*, const char* s, size_t n) { port::console_write(s, n); }

size_t vformat(char* buf, size_t size, const char* fmt, va_list ap) {
    Sink out{buf, size, 0};
    format_into(out, fmt, ap);
    if (size > 0) buf[out.len < size ? out.len : size - 1] = '\0';
    return out.len;
}

size_t vformat_to(WriteFn write, void* ctx, char* chunk, size_t chunk_size, const char* fmt,
                  va_list ap) {
    Sink out{chunk, chunk_size, 0, write, ctx};
    format_into(out, fmt, ap);
    if (out.used != 0) write(ctx, chunk, out.used);
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
    char chunk[160];
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat_to(console_chunk, nullptr, chunk, sizeof chunk, fmt, ap);
    va_end(ap);
    return static_cast<int>(n);
}

void puts_raw(const char* s) { port::console_write(s, strlen(s)); }

}  // namespace tern
