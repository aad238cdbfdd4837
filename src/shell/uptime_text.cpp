#include "uptime_text.hpp"

namespace tern::shell {

namespace {

char* put_decimal(char* out, uint32_t v, int min_digits) {
    char digits[10];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0 || n < min_digits);
    while (n > 0) *out++ = digits[--n];
    return out;
}

}  // namespace

size_t uptime_text(char* buf, uint32_t seconds) {
    char* out = buf;
    uint32_t days = seconds / 86400;
    if (days > 0) {
        out = put_decimal(out, days, 1);
        const char* unit = days == 1 ? " day, " : " days, ";
        while (*unit != '\0') *out++ = *unit++;
    }
    out = put_decimal(out, seconds / 3600 % 24, 2);
    *out++ = ':';
    out = put_decimal(out, seconds / 60 % 60, 2);
    *out++ = ':';
    out = put_decimal(out, seconds % 60, 2);
    *out = '\0';
    return static_cast<size_t>(out - buf);
}

}  // namespace tern::shell
