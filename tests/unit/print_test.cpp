#include "tern/print.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <random>
#include <string>

namespace {

std::string fmt(const char* f, int v) {
    char buf[64];
    tern::format(buf, sizeof buf, f, v);
    return buf;
}

TEST(Print, AgreesWithLibcOnIntegers) {
    const char* formats[] = {"%d", "%5d", "%-5d|", "%05d", "%u", "%x", "%X", "%08x", "%i", "%3u"};
    std::mt19937 rng(7);
    int samples[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, 65535, -100000};
    for (const char* f : formats) {
        for (int v : samples) {
            char want[64];
            std::snprintf(want, sizeof want, f, v);
            EXPECT_EQ(fmt(f, v), want) << f << " " << v;
        }
        for (int i = 0; i < 200; ++i) {
            int v = static_cast<int>(rng());
            char want[64];
            std::snprintf(want, sizeof want, f, v);
            EXPECT_EQ(fmt(f, v), want) << f << " " << v;
        }
    }
}

TEST(Print, StringsCharsAndTruncation) {
    char buf[8];
    EXPECT_EQ(tern::format(buf, sizeof buf, "%s|%-4s|%c%%", "ab", "x", 'z'), 10u);
    EXPECT_STREQ(buf, "ab|x   ");  // cut to the buffer, always terminated
    char big[32];
    tern::format(big, sizeof big, "[%6s]", "abc");
    EXPECT_STREQ(big, "[   abc]");
    const char* volatile null_string = nullptr;  // hidden from the format checker
    tern::format(big, sizeof big, "%s", null_string);
    EXPECT_STREQ(big, "(null)");
}

}  // namespace
