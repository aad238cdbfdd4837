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

// A stream gets all of a long output, in pieces no larger than its chunk (print() and the
// shell's printf once cut at 160 and 84 bytes).
size_t format_to(std::string& out, size_t chunk_size, const char* fmt, ...) {
    char chunk[16];
    va_list ap;
    va_start(ap, fmt);
    size_t n = tern::vformat_to(
        [](void* ctx, const char* s, size_t len) {
            EXPECT_LE(len, 7u);
            static_cast<std::string*>(ctx)->append(s, len);
        },
        &out, chunk, chunk_size, fmt, ap);
    va_end(ap);
    return n;
}

TEST(Print, StreamsWithoutCutting) {
    std::string long_text(500, 'x');
    std::string out;
    EXPECT_EQ(format_to(out, 7, "<%s|%5d>", long_text.c_str(), -42), 508u);
    EXPECT_EQ(out, "<" + long_text + "|  -42>");
    out.clear();
    EXPECT_EQ(format_to(out, 7, "%s", ""), 0u);
    EXPECT_EQ(out, "");
}

}  // namespace
