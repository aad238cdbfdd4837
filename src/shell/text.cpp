#include "text.hpp"

namespace tern::shell {

char* put_decimal(char* out, uint32_t v) {
    char digits[10];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) *out++ = digits[--n];
    return out;
}

size_t uptime_text(char* buf, uint32_t seconds) {
    char* out = buf;
    uint32_t days = seconds / 86400;
    if (days > 0) {
        out = put_decimal(out, days);
        for (const char* unit = days == 1 ? " day, " : " days, "; *unit != '\0';) *out++ = *unit++;
    }
    // "HH:MM:SS", filled from the back: seconds, minutes, then hours (below 24, so the
    // same "% 60" gives them).
    uint32_t rest = seconds % 86400;
    out[2] = ':';
    out[5] = ':';
    out[8] = '\0';
    for (char* field = out + 8; field > out; field -= 3) {
        field[-1] = static_cast<char>('0' + rest % 60 % 10);
        field[-2] = static_cast<char>('0' + rest % 60 / 10);
        rest /= 60;
    }
    out += 8;
    return static_cast<size_t>(out - buf);
}

}  // namespace tern::shell
