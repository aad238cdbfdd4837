// Small argument parsers shared by the built-in commands.
#pragma once
#include <stdint.h>

namespace tern::shell {

// A decimal number that fits in 32 bits, nothing else: "12" yes, "12ms", "-1", "" no.
// On failure *out is left alone.
bool parse_u32(const char* s, uint32_t* out);

}  // namespace tern::shell
