// Uptime as the seed writes it: "HH:MM:SS", or "N day(s), HH:MM:SS" after the first day
// (`uptime`, `ver` and `top` show it).
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tern::shell {

inline constexpr size_t uptime_text_max = 32;  // "49710 days, 06:28:15" and the NUL fit
// Writes the text and a NUL into buf (uptime_text_max bytes); returns its length.
size_t uptime_text(char* buf, uint32_t seconds);

}  // namespace tern::shell
