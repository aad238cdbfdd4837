// What the built-in commands share: small argument parsers, and their groups.
#pragma once
#include <stdint.h>

#include "tern/shell.hpp"

namespace tern::shell {

// A decimal number that fits in 32 bits, nothing else: "12" yes, "12ms", "-1", "" no.
// On failure *out is left alone.
bool parse_u32(const char* s, uint32_t* out);

// The built-in groups, for start() to register without a call through each
// register_*_commands() (those stay for images that pick their groups).
extern CommandGroup core_group;    // help clear echo history sleep
extern CommandGroup task_group;    // ps top kill
extern CommandGroup memory_group;  // mem
extern CommandGroup system_group;  // ver uptime reboot

}  // namespace tern::shell
