// Human-readable listings of images (used by the host tool, small enough for a shell).
#pragma once
#include <stddef.h>

#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

// Formats the instruction at index pc as "LDL    8" etc. into buf (pc places relative jumps).
void disasm_insn(const Insn& insn, uint32_t pc, char* buf, size_t cap);

}  // namespace tern::ccbpf
