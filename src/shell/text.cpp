#include "text.hpp"

#include "tern/print.hpp"

namespace tern::shell {

size_t uptime_text(char* buf, uint32_t seconds) {
    uint32_t days = seconds / 86400;
    size_t n = 0;
    if (days > 0)
        n = format(buf, uptime_text_max, "%u day%s, ", unsigned(days), days == 1 ? "" : "s");
    return n + format(buf + n, uptime_text_max - n, "%02u:%02u:%02u", unsigned(seconds / 3600 % 24),
                      unsigned(seconds / 60 % 60), unsigned(seconds % 60));
}

}  // namespace tern::shell
