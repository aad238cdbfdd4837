// Frozen files: an image and a snapshot written by an earlier build. The current code must
// produce byte-identical images from the same source (the format is architecture-neutral
// and deterministic), and must resume the old snapshot to the recorded output.
#include "test_support.hpp"

namespace ccbpf_test {

Bytes read_bytes(const std::string& path) {
    std::string s;
    EXPECT_TRUE(tern::ccbpf::hosttool::read_file(path, &s)) << path;
    Bytes b;
    b.resize(s.size());
    memcpy(b.data(), s.data(), s.size());
    return b;
}

TEST(CcbpfFrozen, SourceCompilesToTheFrozenImage) {
    std::string src;
    ASSERT_TRUE(tern::ccbpf::hosttool::read_file(CCBPF_TEST_DIR "/frozen/sample.c", &src));
    Bytes fresh;
    std::string err;
    ASSERT_TRUE(tern::ccbpf::hosttool::compile_source("sample.c", src, 8192, &fresh, &err)) << err;
    Bytes frozen = read_bytes(CCBPF_TEST_DIR "/frozen/sample.ccbf");
    ASSERT_EQ(frozen.size, fresh.size);
    EXPECT_EQ(0, memcmp(frozen.data(), fresh.data(), frozen.size));
}

TEST(CcbpfFrozen, FrozenSnapshotResumesToTheRecordedOutput) {
    Bytes image = read_bytes(CCBPF_TEST_DIR "/frozen/sample.ccbf");
    Bytes snap = read_bytes(CCBPF_TEST_DIR "/frozen/sample.snap");
    std::string expected;
    ASSERT_TRUE(tern::ccbpf::hosttool::read_file(CCBPF_TEST_DIR "/frozen/sample.after", &expected));
    FakeHost host;
    auto vm = load(image, &host);
    char why[160];
    ASSERT_TRUE(snapshot_restore(vm->vm, snap.data(), snap.size, why, sizeof why)) << why;
    EXPECT_GE(vm->vm.state().depth, 1u);
    EXPECT_EQ(Status::Halted, run_all(vm->vm));
    EXPECT_EQ(expected, host.out);
    EXPECT_EQ(0, vm->vm.exit_code());
}

}  // namespace ccbpf_test
