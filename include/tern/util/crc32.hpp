// CRC-32 (IEEE 802.3: polynomial 0x04C11DB7 reflected = 0xEDB88320, initial value and final
// XOR 0xFFFFFFFF), the one implementation in the tree: ccBPF images and snapshots and the
// world's link frames use it. crc32("123456789") = 0xCBF43926.
//
// The table size is a build-time knob: TERN_CRC32_TABLE_BITS = 4 (a 16-entry, 64-byte
// table, two lookups per byte: the default, small enough for any board) or 8 (256
// entries, 1 KiB, one lookup per byte). Figures: docs/world-network.md, "CRC-32".
#pragma once
#include <stddef.h>
#include <stdint.h>

#ifndef TERN_CRC32_TABLE_BITS
#define TERN_CRC32_TABLE_BITS 4
#endif
#if TERN_CRC32_TABLE_BITS != 4 && TERN_CRC32_TABLE_BITS != 8
#error "TERN_CRC32_TABLE_BITS must be 4 or 8"
#endif

namespace tern::util {

// Continues a CRC: crc32_update(crc32_update(0, a, n), b, m) == crc32 of a then b.
// Start with 0; the pre- and post-inversion happen inside.
uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t size);

inline uint32_t crc32(const uint8_t* data, size_t size) { return crc32_update(0, data, size); }

// The same computation one bit at a time, without a table: the reference the tests hold
// the table-driven one to.
uint32_t crc32_bitwise(uint32_t crc, const uint8_t* data, size_t size);

}  // namespace tern::util
