// CRC-32, table-driven with the table computed at compile time into read-only data.
// A 4-bit table (64 B) costs a second lookup per byte against an 8-bit one (1 KiB); on the
// links that carry it (UART at 115200 baud) either is far faster than the wire.
#include "tern/util/crc32.hpp"

namespace tern::util {

namespace {
constexpr uint32_t kPoly = 0xEDB88320u;
constexpr unsigned kEntries = 1u << TERN_CRC32_TABLE_BITS;

struct Table {
    uint32_t v[kEntries];
    constexpr Table() : v() {
        for (uint32_t i = 0; i < kEntries; i++) {
            uint32_t c = i;
            for (int k = 0; k < TERN_CRC32_TABLE_BITS; k++) c = (c >> 1) ^ (kPoly & (0u - (c & 1u)));
            v[i] = c;
        }
    }
};
constexpr Table kTable;
}  // namespace

uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t size) {
    crc = ~crc;
    for (size_t i = 0; i < size; i++) {
#if TERN_CRC32_TABLE_BITS == 8
        crc = kTable.v[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
#else
        crc ^= data[i];
        crc = kTable.v[crc & 0xFu] ^ (crc >> 4);
        crc = kTable.v[crc & 0xFu] ^ (crc >> 4);
#endif
    }
    return ~crc;
}

uint32_t crc32_bitwise(uint32_t crc, const uint8_t* data, size_t size) {
    crc = ~crc;
    for (size_t i = 0; i < size; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (kPoly & (0u - (crc & 1u)));
    }
    return ~crc;
}

}  // namespace tern::util
