// Small text formatting shared by the editor and the commands, without a formatter (the
// core depends on nothing but <string.h>).
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tern::shell {

// Writes v in decimal (no NUL) and returns the end: at most 10 characters.
char* put_decimal(char* out, uint32_t v);

// Uptime as the seed writes it: "HH:MM:SS", or "N day(s), HH:MM:SS" after the first day.
inline constexpr size_t uptime_text_max = 32;  // "49710 days, 06:28:15" and the NUL fit
// Writes the text and a NUL into buf (uptime_text_max bytes); returns its length.
size_t uptime_text(char* buf, uint32_t seconds);

}  // namespace tern::shell
