// FNV-1a 64 (the image's content hash). The CRC-32 that images and snapshots carry is
// tern_util's (src/util/crc32.cpp).
#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

uint64_t fnv1a64_update(uint64_t h, const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

}  // namespace tern::ccbpf
