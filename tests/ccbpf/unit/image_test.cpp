#include "test_support.hpp"

namespace ccbpf_test {

const char kProgram[] = R"(#include "ccbpf.h"
int squares[8];
int main(void) {
    for (int i = 0; i < 8; i++) squares[i] = i * i;
    printf("%d\n", squares[7]);
    return 0;
}
)";

TEST(CcbpfImage, CompilingTwiceGivesIdenticalBytes) {
    Bytes a = compile_ok(kProgram), b = compile_ok(kProgram);
    ASSERT_EQ(a.size, b.size);
    EXPECT_EQ(0, memcmp(a.data(), b.data(), a.size));
}

TEST(CcbpfImage, HeaderIsLittleEndianAndVersioned) {
    Bytes a = compile_ok(kProgram);
    EXPECT_EQ(0, memcmp(a.data(), "CCBF", 4));
    EXPECT_EQ(kImageVersion, rd16(a.data() + 4));
    ImageView v;
    char why[160];
    ASSERT_TRUE(image_parse(a.data(), a.size, &v, why, sizeof why)) << why;
    EXPECT_EQ(v.code_count * 8 + kImageHeaderSize + v.func_count * kFuncEntrySize +
                  ((v.data_size + 3) & ~3u) + v.line_count * kLineEntrySize + v.names_size,
              a.size);
    EXPECT_STREQ("main", v.func_name(v.entry_func));
}

TEST(CcbpfImage, CorruptionIsDetectedByCrc) {
    Bytes a = compile_ok(kProgram);
    a.data()[kImageHeaderSize + 4] ^= 1;
    ImageView v;
    char why[160];
    EXPECT_FALSE(image_parse(a.data(), a.size, &v, why, sizeof why));
    EXPECT_STREQ("image: CRC mismatch (corrupt)", why);
}

TEST(CcbpfImage, HashMismatchIsDetected) {
    Bytes a = compile_ok(kProgram);
    a.data()[kImageHeaderSize + 4] ^= 1;
    wr32(a.data() + 56, image_crc(a.data(), a.size));  // CRC fixed, hash stale
    ImageView v;
    char why[160];
    EXPECT_FALSE(image_parse(a.data(), a.size, &v, why, sizeof why));
    EXPECT_STREQ("image: content hash mismatch", why);
}

TEST(CcbpfImage, RejectsWrongVersionMagicAndTruncation) {
    Bytes a = compile_ok(kProgram);
    ImageView v;
    char why[160];
    Bytes b = a;
    wr16(b.data() + 4, 99);
    reseal_image(b);
    EXPECT_FALSE(image_parse(b.data(), b.size, &v, why, sizeof why));
    EXPECT_STREQ("image: unsupported version", why);
    b = a;
    b.data()[0] = 'X';
    EXPECT_FALSE(image_parse(b.data(), b.size, &v, why, sizeof why));
    EXPECT_STREQ("image: bad magic (not a ccBPF image)", why);
    EXPECT_FALSE(image_parse(a.data(), a.size - 1, &v, why, sizeof why));
    EXPECT_STREQ("image: section sizes do not add up to the file size", why);
    EXPECT_FALSE(image_parse(a.data(), 10, &v, why, sizeof why));
}

TEST(CcbpfImage, LineTableMapsInstructionsToSourceLines) {
    Bytes a = compile_ok(kProgram);
    ImageView v;
    char why[160];
    ASSERT_TRUE(image_parse(a.data(), a.size, &v, why, sizeof why));
    bool saw_loop_line = false, saw_printf_line = false;
    for (uint32_t pc = 0; pc < v.code_count; pc++) {
        if (v.line_at(pc) == 4) saw_loop_line = true;
        if (v.line_at(pc) == 5 && v.code[pc].op == OP_CALLB) saw_printf_line = true;
    }
    EXPECT_TRUE(saw_loop_line);
    EXPECT_TRUE(saw_printf_line);
}

}  // namespace ccbpf_test
