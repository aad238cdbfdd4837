// The ccBPF image: a versioned, little-endian, self-checking container for one compiled
// program. Byte layout is specified in docs/ccbpf-image.md.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/ccbpf/opcodes.hpp"
#include "tern/util/crc32.hpp"

namespace tern::ccbpf {

constexpr uint32_t kImageMagic = 0x46424343u;  // "CCBF" little-endian
constexpr uint16_t kImageVersion = 1;
constexpr uint32_t kImageHeaderSize = 64;
constexpr uint32_t kFuncEntrySize = 20;
constexpr uint32_t kLineEntrySize = 8;

// Fixed memory map: [0,16) is the null guard, [16,48) holds node_name()'s answer,
// globals start at 48, the stack starts at `globals_end`.
constexpr uint32_t kNullGuard = 16;
constexpr uint32_t kNodeNameAddr = 16;
constexpr uint32_t kNodeNameSize = 32;
constexpr uint32_t kGlobalsStart = 48;

struct FuncInfo {
    uint32_t entry;       // first instruction
    uint32_t end;         // one past the last instruction
    uint32_t frame_size;  // bytes: 4 * nparams + locals
    uint16_t max_stack;   // deepest evaluation stack, in 32-bit slots
    uint8_t nparams;
    uint8_t flags;
    uint32_t name_off;  // into the name table
};

struct LineEntry {
    uint32_t pc;
    uint32_t line;
};

// A parsed, not yet verified, view of image bytes (no copies: points into the buffer).
struct ImageView {
    const uint8_t* bytes;
    size_t size;
    uint32_t code_count;
    uint32_t func_count;
    uint32_t data_size;
    uint32_t globals_end;
    uint32_t mem_size;
    uint32_t entry_func;
    uint32_t line_count;
    uint32_t names_size;
    uint64_t hash;
    const Insn* code;  // requires the buffer to be 4-byte aligned (checked by parse)
    const uint8_t* funcs;
    const uint8_t* data;
    const uint8_t* lines;
    const char* names;

    FuncInfo func(uint32_t i) const;
    LineEntry line(uint32_t i) const;
    const char* func_name(uint32_t i) const;
    // The function containing instruction `pc`, or func_count when none does.
    uint32_t func_at(uint32_t pc) const;
    // Source line of instruction `pc` (0 when unknown).
    uint32_t line_at(uint32_t pc) const;
};

// Checks framing (magic, version, sizes, CRC, content hash) and fills `view`.
// On failure returns false and writes a reason into `why`.
bool image_parse(const uint8_t* bytes, size_t size, ImageView* view, char* why, size_t why_cap);

// Little-endian helpers shared by the image and snapshot code.
inline uint32_t rd32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline uint16_t rd16(const uint8_t* p) {
    return uint16_t(p[0] | p[1] << 8);
}
inline uint64_t rd64(const uint8_t* p) {
    return uint64_t(rd32(p)) | uint64_t(rd32(p + 4)) << 32;
}
inline void wr32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
    p[2] = uint8_t(v >> 16);
    p[3] = uint8_t(v >> 24);
}
inline void wr16(uint8_t* p, uint16_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
}
inline void wr64(uint8_t* p, uint64_t v) {
    wr32(p, uint32_t(v));
    wr32(p + 4, uint32_t(v >> 32));
}

// CRC-32 (IEEE 802.3, reflected, as zlib): the tree's one implementation, tern_util's
// (include/tern/util/crc32.hpp). FNV-1a 64. Both incremental.
using util::crc32_update;
using util::crc32;
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
uint64_t fnv1a64_update(uint64_t h, const uint8_t* p, size_t n);

// Hash and CRC of an image laid out in `bytes` (the header's hash/crc fields excluded).
uint64_t image_content_hash(const uint8_t* bytes, size_t size);
uint32_t image_crc(const uint8_t* bytes, size_t size);

}  // namespace tern::ccbpf
