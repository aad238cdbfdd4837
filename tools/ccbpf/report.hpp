// What `ccbpf disasm` and `ccbpf inspect` print, from bytes already in memory. Each reads
// a table only after the checks `run` makes (framing and the verifier for an image, the
// image-free snapshot checks for a snapshot), so that a file `run` refuses is refused here
// with the same message. Shared by the tool and the fuzz_tools target.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf::hosttool {

// Framing then the verifier, as Vm::load. On refusal writes the reason into `why`.
bool validate_image(const uint8_t* bytes, size_t size, ImageView* view, char* why, size_t cap);

// Listing of a validated image.
void print_disasm(const ImageView& view, FILE* out);
// Header and function table of a validated image.
void print_image_info(const ImageView& view, FILE* out);
// A snapshot's fields; returns 1 (after printing why to `err`) when its framing is refused.
int print_snapshot(const uint8_t* bytes, size_t size, FILE* out, FILE* err);

}  // namespace tern::ccbpf::hosttool
