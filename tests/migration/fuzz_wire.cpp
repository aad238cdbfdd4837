// libFuzzer target for the migration message decoder (every message type goes through
// decode()). Input: one control byte, then the message. Control bit 0 set: the CRC is
// recomputed first, so the fuzzer reaches the checks behind it. Whatever decode accepts
// must encode back to exactly the same bytes. Build and run: see docs/migration.md
// ("Fuzzing"); ./tern test runs it for a few seconds when clang is installed.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "tern/ccbpf/image.hpp"
#include "tern/migration/wire.hpp"

using namespace tern::migration;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const bool reseal = (data[0] & 1) != 0;
    std::vector<std::uint8_t> msg(data + 1, data + size);  // exact size: reads past it trap
    if (reseal && msg.size() >= 4)
        tern::ccbpf::wr32(msg.data() + msg.size() - 4, tern::ccbpf::crc32(msg.data(), msg.size() - 4));
    Message m;
    if (decode(msg, m) != DecodeError::none) return 0;
    std::uint8_t out[kMaxMessage];
    std::size_t n = encode(m, out);
    if (n != msg.size() || std::memcmp(out, msg.data(), n) != 0) std::abort();
    return 0;
}
