#include "test_support.hpp"

namespace ccbpf_test {

const char kProgram[] = R"(#include "ccbpf.h"
struct acc { int total; char tag[4]; };
struct acc g = {0, "ab"};
int step(struct acc *a, int i) { a->total += i * i; return a->total; }
int main(void) {
    int local[3] = {1, 2, 3};
    for (int i = 0; i < 20; i++) {
        step(&g, i + local[i % 3]);
        if (i % 5 == 0) printf("%d:%d %s\n", i, g.total, g.tag);
    }
    srand(3);
    printf("%d\n", rand());
    return g.total % 256;
}
)";

TEST(CcbpfSnapshot, ResumesAtEveryInstructionBoundaryInAFreshVm) {
    Bytes img = compile_ok(kProgram);
    FakeHost straight_host;
    auto straight = load(img, &straight_host);
    ASSERT_EQ(Status::Halted, run_all(straight->vm));

    FakeHost host;
    int hops = 0;
    auto vm = run_hopping(img, host, &hops);
    ASSERT_NE(nullptr, vm);
    EXPECT_GT(hops, 200);
    EXPECT_EQ(straight_host.out, host.out);
    EXPECT_EQ(straight->vm.exit_code(), vm->vm.exit_code());
}

TEST(CcbpfSnapshot, CarriesOnlyLiveMemory) {
    Bytes img = compile_ok(kProgram);
    FakeHost host;
    auto vm = load(img, &host);
    vm->vm.run(50);
    Bytes snap = take_snapshot(vm->vm);
    const VmState& s = vm->vm.state();
    EXPECT_EQ(kSnapshotHeaderSize + 8 * s.depth + s.sp + 4, snap.size);
    EXPECT_LT(snap.size, vm->vm.memory_size() / 2);  // the unused stack is not carried
}

TEST(CcbpfSnapshot, SleepingProgramKeepsItsRemainingTime) {
    Bytes img = compile_ok(R"(#include "ccbpf.h"
int main(void) { printf("a"); sleep_ms(100); printf("b%u", time_ms()); return 0; })");
    FakeHost host;
    auto vm = load(img, &host);
    ASSERT_EQ(Status::Sleeping, vm->vm.run(1000));
    host.clock += 30;
    Bytes snap = take_snapshot(vm->vm);

    FakeHost other;  // another node: its clock reads something else entirely
    other.clock = 50000;
    auto moved = load(img, &other);
    char why[160];
    ASSERT_TRUE(snapshot_restore(moved->vm, snap.data(), snap.size, why, sizeof why)) << why;
    EXPECT_EQ(70u, moved->vm.sleep_remaining_ms());
    EXPECT_EQ(Status::Sleeping, moved->vm.run(1000));
    other.clock += 69;
    EXPECT_EQ(Status::Sleeping, moved->vm.run(1000));
    other.clock += 1;
    EXPECT_EQ(Status::Halted, moved->vm.run(1000));
    EXPECT_EQ("b100", other.out);  // time_ms() continues from the program's own start
}

struct Tampered : ::testing::Test {
    Bytes img = compile_ok(kProgram);
    FakeHost host;
    std::unique_ptr<LoadedVm> vm = load(img, &host);
    Bytes snap;
    void SetUp() override {
        // Stop inside step(), two frames deep.
        while (vm->vm.state().depth < 2) ASSERT_EQ(Status::Slice, vm->vm.run(1));
        vm->vm.run(2);
        snap = take_snapshot(vm->vm);
    }
    std::string restore(Bytes& s) {
        auto fresh = load(img, &host);
        char why[160];
        if (snapshot_restore(fresh->vm, s.data(), s.size, why, sizeof why)) return "ok";
        EXPECT_EQ(Status::Trapped, fresh->vm.run(10));  // a refused VM never runs
        return why;
    }
};

TEST_F(Tampered, UntouchedSnapshotRestores) {
    EXPECT_EQ("ok", restore(snap));
}

TEST_F(Tampered, CorruptionIsRefused) {
    snap.data()[kSnapshotHeaderSize + 1] ^= 0x40;
    EXPECT_EQ("snapshot refused: CRC mismatch (corrupt)", restore(snap));
}

TEST_F(Tampered, OtherImageIsRefused) {
    Bytes other = compile_ok("int main(void) { return 1; }");
    auto fresh = load(other, &host);
    char why[160];
    EXPECT_FALSE(snapshot_restore(fresh->vm, snap.data(), snap.size, why, sizeof why));
    EXPECT_STREQ("snapshot refused: taken from a different image (hash mismatch)", why);
}

TEST_F(Tampered, VersionAndTruncationAreRefused) {
    Bytes s = snap;
    wr16(s.data() + 4, 2);
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: unsupported version", restore(s));
    s = snap;
    s.size = 20;
    EXPECT_EQ("snapshot refused: truncated", restore(s));
}

TEST_F(Tampered, PcMustBeWhereTheStackSaysItIs) {
    Bytes s = snap;
    wr32(s.data() + 16, rd32(img.data() + 12) - 1);  // pc moved into main(), the last function
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: pc outside its function", restore(s));
}

TEST_F(Tampered, StackPointerMustMatchTheCode) {
    Bytes s = snap;
    // Claim four more bytes of stack (and carry them) than the code at pc can have.
    uint32_t sp = rd32(s.data() + 24);
    Bytes bigger;
    bigger.resize(s.size + 4);
    memcpy(bigger.data(), s.data(), s.size - 4);
    wr32(bigger.data() + 24, sp + 4);
    wr32(bigger.data() + 60, rd32(s.data() + 60) + 4);
    reseal_snapshot(bigger);
    EXPECT_EQ("snapshot refused: stack pointer inconsistent with the code", restore(bigger));
}

TEST_F(Tampered, FramePointerMustMatchTheCode) {
    Bytes s = snap;
    wr32(s.data() + 20, rd32(s.data() + 20) + 8);
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: frame pointer inconsistent with the code", restore(s));
}

TEST_F(Tampered, ReturnAddressMustFollowACall) {
    Bytes s = snap;
    uint8_t* frame1 = s.data() + kSnapshotHeaderSize + 8;
    wr32(frame1, rd32(frame1) + 1);
    reseal_snapshot(s);
    std::string r = restore(s);
    EXPECT_TRUE(r == "snapshot refused: return address does not follow a call" ||
                r == "snapshot refused: pc outside its function")
        << r;
}

TEST_F(Tampered, StateAndSizesAreChecked) {
    Bytes s = snap;
    wr32(s.data() + 36, 3);  // "trapped" is not a resumable state
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: bad run state", restore(s));
    s = snap;
    wr32(s.data() + 32, 500);
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: bad call depth", restore(s));
    s = snap;
    wr32(s.data() + 64, 1234);
    reseal_snapshot(s);
    EXPECT_EQ("snapshot refused: memory size differs from the image's", restore(s));
}

}  // namespace ccbpf_test
