#include "parse.hpp"

namespace tern::shell {

bool parse_u32(const char* s, uint32_t* out) {
    if (s == nullptr || *s == '\0') return false;
    uint32_t v = 0;
    for (; *s != '\0'; ++s) {
        if (*s < '0' || *s > '9') return false;
        uint32_t d = static_cast<uint32_t>(*s - '0');
        if (v > (0xFFFFFFFFu - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

}  // namespace tern::shell
