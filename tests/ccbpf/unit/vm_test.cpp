#include "test_support.hpp"

namespace ccbpf_test {

TEST(CcbpfVm, SliceSizeDoesNotChangeOutput) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) { for (int i = 0; i < 12; i++) printf("%d ", fib(i)); return 5; })");
    std::string expected;
    for (uint32_t budget : {1u, 2u, 7u, 100u, 1000000u}) {
        FakeHost host;
        auto vm = load(img, &host);
        EXPECT_EQ(Status::Halted, run_all(vm->vm, budget));
        EXPECT_EQ(5, vm->vm.exit_code());
        if (expected.empty()) expected = host.out;
        EXPECT_EQ(expected, host.out) << "budget " << budget;
    }
    EXPECT_EQ("0 1 1 2 3 5 8 13 21 34 55 89 ", expected);
}

TEST(CcbpfVm, RunNeverExceedsItsBudget) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { int x = 0; while (1) x++; return x; })");
    FakeHost host;
    auto vm = load(img, &host);
    uint32_t pc_before = vm->vm.state().pc;
    EXPECT_EQ(Status::Slice, vm->vm.run(1));
    EXPECT_NE(pc_before, vm->vm.state().pc);  // exactly one instruction ran
    EXPECT_EQ(Status::Slice, vm->vm.run(100000));
}

TEST(CcbpfVm, SleepIsAStatusNotABlock) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { printf("a"); sleep_ms(100); printf("b"); return 0; })");
    FakeHost host;
    auto vm = load(img, &host);
    EXPECT_EQ(Status::Sleeping, vm->vm.run(1000));
    EXPECT_EQ("a", host.out);
    EXPECT_EQ(100u, vm->vm.sleep_remaining_ms());
    host.clock += 40;
    EXPECT_EQ(Status::Sleeping, vm->vm.run(1000));
    EXPECT_EQ(60u, vm->vm.sleep_remaining_ms());
    host.clock += 60;
    EXPECT_EQ(Status::Halted, vm->vm.run(1000));
    EXPECT_EQ("ab", host.out);
}

TEST(CcbpfVm, YieldAndMigrateAreReturnedToTheHost) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { yield(); int r = migrate("node-b"); printf("r=%d", r); return 0; })");
    FakeHost host;
    auto vm = load(img, &host);
    EXPECT_EQ(Status::Yielded, vm->vm.run(1000));
    EXPECT_EQ(Status::Migrate, vm->vm.run(1000));
    EXPECT_STREQ("node-b", vm->vm.migrate_target());
    EXPECT_EQ(Status::Halted, vm->vm.run(1000));
    EXPECT_EQ("r=0", host.out);
}

TEST(CcbpfVm, NodeIdentityAndClockComeFromTheHost) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { sleep_ms(5); printf("%d %s %u", node_id(), node_name(), time_ms()); return 0; })");
    FakeHost host;
    host.id = 7;
    host.name = "alpha";
    auto vm = load(img, &host);
    EXPECT_EQ(Status::Sleeping, vm->vm.run(1000));
    host.clock += 25;
    EXPECT_EQ(Status::Halted, run_all(vm->vm));
    EXPECT_EQ("7 alpha 25", host.out);
}

TEST(CcbpfVm, TrapNamesWhatAndWhereAndKeepsOutput) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int get(int *p) {
    return *p;
}
int main(void) {
    printf("kept\n");
    return get(0);
})");
    FakeHost host;
    auto vm = load(img, &host);
    EXPECT_EQ(Status::Trapped, run_all(vm->vm));
    EXPECT_STREQ("null pointer dereference in get() at line 3", vm->vm.trap_message());
    EXPECT_EQ(kTrapExitStatus, vm->vm.exit_code());
    EXPECT_EQ("kept\n", host.out);
    EXPECT_EQ(Status::Trapped, vm->vm.run(10));  // stays trapped
}

// `*p++ = v`, `*p-- = v` and `*p = v` with p a local compile to one store-and-step
// (ST8LP/ST16LP/ST32LP) when v has no side effects; the other cases keep the plain store.
// The expected output is gcc's (-std=c11 -fwrapv); it must not change across snapshots.
TEST(CcbpfVm, StoresThroughALocalPointer) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
char c[8];
short h[8];
int w[8];
int calls;
int next(int v) { calls++; return v * 3; }
int main(void) {
    char *pc = c;
    short *ph = h + 7;
    int *pw = w;
    for (int i = 0; i < 4; i++) {
        *pc++ = (char)('a' + i);
        *ph-- = (short)(i * 1000 - 1);
        *pw++ = -i;
    }
    *pc = pc[-1];
    *ph = (short)40000;
    *pw = next(pw[-1]);
    int *q = w + 5;
    *q++ = *pw++;
    *q = calls ? 7 : 8;
    char *d = c + 5;
    *d-- = (char)(c[0] + 1);
    *d = (char)(*d + 21);
    printf("%s %d %d %d %d %d %d %d %d\n", c, h[0], h[3], h[4], h[7], w[3], w[4], w[5], w[6]);
    printf("%d %d %d\n", (int)(pc - c), (int)(ph - h), (int)(pw - w));
    return calls;
}
)");
    int fused[3] = {0, 0, 0};
    uint32_t n = rd32(img.data() + 12);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t op = code_of(img)[i].op;
        if (op == OP_ST8LP || op == OP_ST16LP || op == OP_ST32LP) fused[op - OP_ST8LP]++;
    }
    EXPECT_EQ(4, fused[0]);
    EXPECT_EQ(2, fused[1]);
    EXPECT_EQ(1, fused[2]);  // not after a call, a ?: or a store in v
    expect_runs(img, "abcdyb 0 -25536 2999 -1 -3 -9 -9 7\n4 3 5\n", 1);
}

// A counting loop's `i++` and `i < n` test fuse into one STEPLTS / STEPLTU (signed and
// unsigned counters, `continue` jumping to the step, a limit that does not fit 16 bits);
// a loop whose body is too long for the 8-bit jump distance keeps INCLL + JLTxI. The
// expected output is gcc's (-std=c11 -fwrapv); it must not change across snapshots.
TEST(CcbpfVm, CountingLoopsStepAndBranchInOne) {
    std::string long_body;
    for (int i = 0; i < 70; i++) long_body += "        t += t ^ j;\n";
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int big[300];
int main(void) {
    int s = 0;
    for (int i = 0; i < 300; i++) big[i] = i * 3;
    for (int i = -5; i < 200; i++) { if (i % 7 == 0) continue; s += big[i + 5]; }
    unsigned u = 0;
    for (unsigned k = 0xFFFFFFF0u; k < 0xFFFFFFFFu; k++) u += k & 0xFF;
    int empty = 0;
    for (int i = 10; i < 3; i++) empty++;
    int n = 0;
    for (int i = 99990; i < 100000; i++) n += i & 1;
    int t = 1;
    for (int j = 0; j < 3; j++) {
)" + long_body + R"(    }
    printf("%d %u %d %d %d\n", s, u, empty, n, t);
    return s & 0xFF;
}
)");
    int fused[2] = {0, 0}, unfused = 0;
    uint32_t count = rd32(img.data() + 12);
    for (uint32_t i = 0; i < count; i++) {
        const Insn& in = code_of(img)[i];
        if (in.op == OP_STEPLTS || in.op == OP_STEPLTU) {
            fused[in.op - OP_STEPLTS]++;
            EXPECT_TRUE(code_of(img)[i + 1].op == OP_JLTSI || code_of(img)[i + 1].op == OP_JLTUI);
            EXPECT_LT(int8_t(in.a), 0);  // back to the loop body
        }
        if (in.op == OP_INCLL && code_of(img)[i + 1].op == OP_JLTSI) unfused++;
    }
    EXPECT_EQ(4, fused[0]);  // the empty loop has no body to go back to, but still fuses
    EXPECT_EQ(1, fused[1]);
    EXPECT_EQ(1, unfused);  // the 70-line body
    expect_runs(img, "53769 3705 0 5 2\n", 9);
}

TEST(CcbpfVm, EveryAccessIsBoundsChecked) {
    const char* cases[][2] = {
        {"int main(void) { int *p = (int *)15; return *p; }", "null pointer dereference"},
        {"int main(void) { char *p = (char *)16; return *p; }", nullptr},  // node-name area: valid
        {"int main(void) { int *p = (int *)0x7ffffff0; return *p; }",
         "out-of-bounds memory access"},
        {"int a[2]; int main(void) { int *p = a; p[100000] = 1; return 0; }",
         "out-of-bounds memory access"},
        {"int main(void) { char *p = (char *)15; *p++ = 1; return 0; }",
         "null pointer dereference"},
        {"int main(void) { short *p = (short *)0x7ffffff0; *p-- = 1; return 0; }",
         "out-of-bounds memory access"},
        {"int a[2]; int main(void) { int *p = a + 100000; *p = 1; return 0; }",
         "out-of-bounds memory access"},
        {"int main(void) { int x = 0; return 5 / x; }", "division by zero"},
        {"int main(void) { unsigned x = 0; return 5u % x; }", "division by zero"},
    };
    for (auto& c : cases) {
        Bytes img = compile_ok(std::string("#include \"ccbpf.h\"\n") + c[0]);
        FakeHost host;
        auto vm = load(img, &host);
        Status s = run_all(vm->vm);
        if (c[1]) {
            EXPECT_EQ(Status::Trapped, s) << c[0];
            EXPECT_NE(nullptr, strstr(vm->vm.trap_message(), c[1]))
                << c[0] << ": " << vm->vm.trap_message();
        } else {
            EXPECT_EQ(Status::Halted, s) << c[0] << ": " << vm->vm.trap_message();
        }
    }
}

TEST(CcbpfVm, ExitAndAbortStatuses) {
    Bytes img = compile_ok(
        "#include \"ccbpf.h\"\nvoid f(void) { exit(9); }\nint main(void) { f(); return 1; }");
    FakeHost host;
    auto vm = load(img, &host);
    EXPECT_EQ(Status::Halted, run_all(vm->vm));
    EXPECT_EQ(9, vm->vm.exit_code());
    Bytes img2 = compile_ok("#include \"ccbpf.h\"\nint main(void) { abort(); return 1; }");
    auto vm2 = load(img2, &host);
    EXPECT_EQ(Status::Trapped, run_all(vm2->vm));
    EXPECT_EQ(kAbortExitStatus, vm2->vm.exit_code());
}

TEST(CcbpfVm, LoadRefusesTooLittleMemory) {
    Bytes img = compile_ok("int main(void) { return 0; }");
    FakeHost host;
    Vm vm;
    std::vector<uint8_t> mem(64);
    char why[160];
    EXPECT_FALSE(vm.load(img.data(), img.size, mem.data(), mem.size(), &host, why, sizeof why));
    EXPECT_NE(nullptr, strstr(why, "bytes of memory"));
}

}  // namespace ccbpf_test
