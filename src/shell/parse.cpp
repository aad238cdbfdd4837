#include "builtins.hpp"

namespace tern::shell {

bool parse_u32(const char* s, uint32_t* out) {
    uint32_t v = 0;
    do {
        unsigned digit = static_cast<unsigned char>(*s) - '0';
        if (digit > 9) return false;
        uint64_t next = uint64_t{v} * 10 + digit;  // one multiply, and the overflow shows
        if (next >> 32 != 0) return false;
        v = static_cast<uint32_t>(next);
    } while (*++s != '\0');
    *out = v;
    return true;
}

}  // namespace tern::shell
