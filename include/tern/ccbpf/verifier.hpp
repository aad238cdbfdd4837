// The image verifier: proves, before a single instruction runs, the properties the VM's
// fast paths rely on (valid opcodes, jump targets inside their function, frame offsets
// inside the frame, a consistent evaluation-stack depth at every instruction, known
// built-ins with the right argument counts).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

// `scratch` needs 2 bytes per instruction of the largest function.
bool verify_image(const ImageView& image, void* scratch, size_t scratch_size, char* why,
                  size_t why_cap);

// Evaluation-stack depth (in slots) at instruction `pc` of a verified image, or -1.
int stack_depth_at(const ImageView& image, uint32_t pc, void* scratch, size_t scratch_size);

}  // namespace tern::ccbpf
