// Human-readable listings of images (used by the host tool, small enough for a shell).
#pragma once
#include <stddef.h>

#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

// Formats one instruction as "LDL    8" etc. into buf.
void disasm_insn(const Insn& insn, char* buf, size_t cap);

}  // namespace tern::ccbpf
