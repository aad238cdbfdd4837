// The built-in commands' number parser: every digit string that fits in 32 bits, nothing else.
#include <gtest/gtest.h>

#include "builtins.hpp"

using tern::shell::parse_u32;

namespace {

TEST(ParseU32, AcceptsDecimalNumbersThatFit) {
    uint32_t v = 7;
    EXPECT_TRUE(parse_u32("0", &v));
    EXPECT_EQ(v, 0u);
    EXPECT_TRUE(parse_u32("30", &v));
    EXPECT_EQ(v, 30u);
    EXPECT_TRUE(parse_u32("000123", &v));
    EXPECT_EQ(v, 123u);
    EXPECT_TRUE(parse_u32("4294967295", &v));
    EXPECT_EQ(v, 4294967295u);
}

TEST(ParseU32, RefusesAnythingElseAndLeavesTheResultAlone) {
    for (const char* s : {"", "-1", "+1", "12ms", " 1", "1 ", "0x10", "4294967296", "4294967300",
                          "99999999999", "18446744073709551616", "/", ":"}) {
        uint32_t v = 7;
        EXPECT_FALSE(parse_u32(s, &v)) << s;
        EXPECT_EQ(v, 7u) << s;
    }
}

}  // namespace
