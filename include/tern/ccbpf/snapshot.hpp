// Snapshots: the complete state of a VM at an instruction boundary, as portable bytes.
// Layout in docs/ccbpf-snapshot.md.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/ccbpf/vm.hpp"

namespace tern::ccbpf {

constexpr uint32_t kSnapshotMagic = 0x53424343u;  // "CCBS"
constexpr uint16_t kSnapshotVersion = 1;
constexpr uint32_t kSnapshotHeaderSize = 72;

// Bytes snapshot_save() will need for this VM's current state.
size_t snapshot_size(const Vm& vm);

// Writes the snapshot; returns its size, or 0 when `cap` is too small.
size_t snapshot_save(Vm& vm, uint8_t* out, size_t cap);

// The checks that need no image: magic, version, header size, reserved field, CRC, run
// state, call depth, and that the header's sizes add up to `size`. snapshot_restore runs
// them first; a tool that only reads a snapshot's header (ccbpf inspect) runs them before.
bool snapshot_check_framing(const uint8_t* bytes, size_t size, char* why, size_t why_cap);

// Replaces `vm`'s state (vm must have loaded the same image) with the snapshot's after
// validating every field. On refusal returns false with the reason; vm is left trapped.
bool snapshot_restore(Vm& vm, const uint8_t* bytes, size_t size, char* why, size_t why_cap);

}  // namespace tern::ccbpf
