// Frozen files: an image and a snapshot written by an earlier build. The current code must
// load and run the old image exactly as it runs the same source compiled today (the
// compiler may emit better code now; the format is versioned), and must resume the old
// snapshot to the recorded output.
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

TEST(CcbpfFrozen, FrozenImageRunsLikeTheSource) {
    std::string src;
    ASSERT_TRUE(tern::ccbpf::hosttool::read_file(CCBPF_TEST_DIR "/frozen/sample.c", &src));
    Bytes fresh, again;
    std::string err;
    ASSERT_TRUE(tern::ccbpf::hosttool::compile_source("sample.c", src, 8192, &fresh, &err)) << err;
    ASSERT_TRUE(tern::ccbpf::hosttool::compile_source("sample.c", src, 8192, &again, &err)) << err;
    ASSERT_EQ(fresh.size, again.size);  // deterministic
    EXPECT_EQ(0, memcmp(fresh.data(), again.data(), fresh.size));
    // The compiler's code may have improved since the image was frozen: the old bytes
    // must still load and behave exactly as the source does today.
    Bytes frozen = read_bytes(CCBPF_TEST_DIR "/frozen/sample.ccbf");
    FakeHost h_old, h_new;
    auto vm_old = load(frozen, &h_old);
    auto vm_new = load(fresh, &h_new);
    EXPECT_EQ(Status::Halted, run_all(vm_old->vm));
    EXPECT_EQ(Status::Halted, run_all(vm_new->vm));
    EXPECT_EQ(h_new.out, h_old.out);
    EXPECT_FALSE(h_old.out.empty());
    EXPECT_EQ(vm_new->vm.exit_code(), vm_old->vm.exit_code());
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
