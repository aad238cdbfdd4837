#include "tern/ccbpf/verifier.hpp"

#include "test_support.hpp"

namespace ccbpf_test {

const char kProgram[] = R"(#include "ccbpf.h"
int g;
int add(int a, int b) { return a + b; }
int main(void) {
    int x = 3;
    g = add(x, 4);
    printf("%d\n", g);
    return 0;
}
)";

std::string verify(Bytes& img) {
    reseal_image(img);
    ImageView v;
    char why[160];
    if (!image_parse(img.data(), img.size, &v, why, sizeof why)) return why;
    std::vector<int16_t> scratch(v.code_count + 1);
    if (!verify_image(v, scratch.data(), scratch.size() * 2, why, sizeof why)) return why;
    return "ok";
}

int find_op(Bytes& img, uint8_t op) {
    ImageView v;
    char why[160];
    image_parse(img.data(), img.size, &v, why, sizeof why);
    for (uint32_t pc = 0; pc < v.code_count; pc++)
        if (code_of(img)[pc].op == op) return int(pc);
    return -1;
}

TEST(CcbpfVerifier, AcceptsCompilerOutput) {
    Bytes img = compile_ok(kProgram);
    EXPECT_EQ("ok", verify(img));
}

TEST(CcbpfVerifier, RejectsInvalidOpcode) {
    Bytes img = compile_ok(kProgram);
    code_of(img)[0].op = OP_COUNT;
    EXPECT_EQ("verifier: invalid opcode at instruction 0", verify(img));
}

TEST(CcbpfVerifier, RejectsJumpOutsideFunction) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_CALL);
    ASSERT_GE(pc, 0);
    code_of(img)[pc] = Insn{OP_JMP, 0, 0, 0};  // main jumps into add()
    EXPECT_NE(std::string::npos, verify(img).find("jump target outside the function"));
}

TEST(CcbpfVerifier, ChecksStepBranchTargetAndSlot) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { int s = 0; for (int i = 0; i < 1000; i++) s += i; return s & 1; }
)");
    int pc = find_op(img, OP_STEPLTS);
    ASSERT_GT(pc, 0);
    EXPECT_EQ("ok", verify(img));
    Insn good = code_of(img)[pc];
    code_of(img)[pc].a = uint8_t(int8_t(-pc - 1));  // before the function's first instruction
    EXPECT_NE(std::string::npos, verify(img).find("jump target outside the function"));
    code_of(img)[pc] = good;
    code_of(img)[pc].b = 4096;
    EXPECT_NE(std::string::npos, verify(img).find("frame offset outside the frame"));
}

TEST(CcbpfVerifier, RejectsFrameOffsetOutsideFrame) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_STL);
    ASSERT_GE(pc, 0);
    code_of(img)[pc].imm = 4096;
    EXPECT_NE(std::string::npos, verify(img).find("frame offset outside the frame"));
}

TEST(CcbpfVerifier, RejectsGlobalOutsideGlobals) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_STG);
    ASSERT_GE(pc, 0);
    code_of(img)[pc].imm = 1 << 20;
    EXPECT_NE(std::string::npos, verify(img).find("global address outside the globals"));
}

TEST(CcbpfVerifier, RejectsUnknownBuiltinAndWrongArgCount) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_CALLB);
    ASSERT_GE(pc, 0);
    Bytes a = img;
    code_of(a)[pc].a = 200;
    EXPECT_NE(std::string::npos, verify(a).find("unknown built-in"));
    code_of(img)[pc].a = BI_PUTCHAR;  // putchar with printf's two arguments
    EXPECT_NE(std::string::npos, verify(img).find("wrong argument count for a built-in"));
}

TEST(CcbpfVerifier, RejectsStackUnderflow) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_PUSHL);
    ASSERT_GE(pc, 0);
    code_of(img)[pc] = Insn{OP_DROP, 0, 0, 0};
    EXPECT_NE(std::string::npos, verify(img).find("evaluation stack"));
}

TEST(CcbpfVerifier, RejectsUnderstatedMaxStack) {
    Bytes img = compile_ok(kProgram);
    ImageView v;
    char why[160];
    image_parse(img.data(), img.size, &v, why, sizeof why);
    uint8_t* funcs = img.data() + kImageHeaderSize + v.code_count * 8;
    for (uint32_t f = 0; f < v.func_count; f++) wr16(funcs + f * kFuncEntrySize + 12, 0);
    EXPECT_NE(std::string::npos, verify(img).find("exceeds max_stack"));
}

TEST(CcbpfVerifier, RejectsFallingOffTheEnd) {
    Bytes img = compile_ok(kProgram);
    ImageView v;
    char why[160];
    image_parse(img.data(), img.size, &v, why, sizeof why);
    code_of(img)[v.code_count - 1] = Insn{OP_LI, 0, 0, 0};
    EXPECT_NE(std::string::npos, verify(img).find("falls off the end"));
}

TEST(CcbpfVerifier, RejectsWrongReturnArgCount) {
    Bytes img = compile_ok(kProgram);
    int pc = find_op(img, OP_RET);  // add()'s return comes first
    ASSERT_GE(pc, 0);
    code_of(img)[pc].imm = 1;
    EXPECT_NE(std::string::npos, verify(img).find("return pops the wrong argument count"));
}

TEST(CcbpfVerifier, VmLoadRunsTheVerifier) {
    Bytes img = compile_ok(kProgram);
    code_of(img)[0].op = OP_COUNT;
    reseal_image(img);
    FakeHost host;
    LoadedVm vm;
    std::string err;
    EXPECT_FALSE(vm.load(img, &host, &err));
    EXPECT_EQ("verifier: invalid opcode at instruction 0", err);
}

}  // namespace ccbpf_test
