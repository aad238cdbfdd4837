// CRC-32 (IEEE, table-driven; the table is built at compile time into read-only data) and
// FNV-1a 64. Images are checked on every load and snapshots on every restore, so the CRC
// is on the path of `run --snapshot-every 1`.
#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

namespace {
struct CrcTable {
    uint32_t v[256];
    constexpr CrcTable() : v() {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
            v[i] = c;
        }
    }
};
constexpr CrcTable kCrc;
}  // namespace

uint32_t crc32_update(uint32_t crc, const uint8_t* p, size_t n) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = kCrc.v[(crc ^ p[i]) & 0xffu] ^ (crc >> 8);
    return ~crc;
}

uint64_t fnv1a64_update(uint64_t h, const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

}  // namespace tern::ccbpf
