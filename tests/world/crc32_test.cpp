// tern_util's CRC-32: the check value, chaining, the table against the bitwise reference,
// and ccBPF using the same function (one implementation in the tree).
#include <gtest/gtest.h>

#include "support.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/util/crc32.hpp"

using namespace world_test;

TEST(Crc32, CheckValue) {
    const char* s = "123456789";
    EXPECT_EQ(tern::util::crc32(reinterpret_cast<const std::uint8_t*>(s), 9), 0xCBF43926u);
    EXPECT_EQ(tern::util::crc32(nullptr, 0), 0u);
    const std::uint8_t zeros[4] = {};
    EXPECT_EQ(tern::util::crc32(zeros, 4), 0x2144DF1Cu);
}

TEST(Crc32, TableMatchesBitwiseAndChains) {
    Rng rng(7);
    for (int round = 0; round < 200; round++) {
        Bytes b = rng.bytes(rng.below(600));
        const std::uint32_t whole = tern::util::crc32(b.data(), b.size());
        EXPECT_EQ(whole, tern::util::crc32_bitwise(0, b.data(), b.size()));
        const std::size_t cut = rng.below(std::uint32_t(b.size() + 1));
        EXPECT_EQ(whole, tern::util::crc32_update(tern::util::crc32(b.data(), cut), b.data() + cut, b.size() - cut));
    }
}

TEST(Crc32, CcbpfUsesTheSameImplementation) {
    Bytes b = Rng(3).bytes(300);
    EXPECT_EQ(tern::ccbpf::crc32(b.data(), b.size()), tern::util::crc32(b.data(), b.size()));
    EXPECT_EQ(&tern::ccbpf::crc32_update, &tern::util::crc32_update);
}
