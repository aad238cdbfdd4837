#include "text.hpp"

#include <string.h>

namespace tern::ccbpf {

int text_utoa(uint32_t v, unsigned base, bool upper, char* buf) {
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

namespace {
struct Sink {
    char* buf;
    size_t cap;
    size_t len;
    void put(const char* s, size_t n) {
        for (size_t i = 0; i < n; i++) {
            if (len + 1 < cap) buf[len] = s[i];
            len++;
        }
    }
};
}  // namespace

size_t text_vformat(char* buf, size_t cap, const char* fmt, va_list ap) {
    Sink out{buf, cap, 0};
    for (const char* f = fmt; *f; f++) {
        if (*f != '%') {
            out.put(f, 1);
            continue;
        }
        f++;
        char num[12];
        switch (*f) {
            case 's': {
                const char* s = va_arg(ap, const char*);
                out.put(s, strlen(s));
                break;
            }
            case '.': {  // only "%.*s"
                f += 2;
                int n = va_arg(ap, int);
                const char* s = va_arg(ap, const char*);
                out.put(s, n < 0 ? 0 : size_t(n));
                break;
            }
            case 'd': {
                int v = va_arg(ap, int);
                uint32_t mag = v < 0 ? 0u - uint32_t(v) : uint32_t(v);
                if (v < 0) out.put("-", 1);
                out.put(num, size_t(text_utoa(mag, 10, false, num)));
                break;
            }
            case 'u':
                out.put(num, size_t(text_utoa(va_arg(ap, unsigned), 10, false, num)));
                break;
            case 'x':
                out.put(num, size_t(text_utoa(va_arg(ap, unsigned), 16, false, num)));
                break;
            case 'c': {
                char c = char(va_arg(ap, int));
                out.put(&c, 1);
                break;
            }
            case '%':
                out.put("%", 1);
                break;
            default:
                return out.len;  // a bug in a format string of ours: stop
        }
    }
    if (cap) buf[out.len < cap ? out.len : cap - 1] = 0;
    return out.len;
}

size_t text_format(char* buf, size_t cap, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t n = text_vformat(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

}  // namespace tern::ccbpf
