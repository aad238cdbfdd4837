// Helpers for the ccBPF unit tests: compiling snippets, a host with a hand-driven clock,
// and resealing images/snapshots after a test has tampered with them on purpose.
#pragma once
#include <gtest/gtest.h>
#include <string.h>

#include <memory>
#include <string>
#include <vector>

#include "host_runtime.hpp"
#include "runner.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"

namespace ccbpf_test {

using namespace tern::ccbpf;
using tern::ccbpf::hosttool::Bytes;
using tern::ccbpf::hosttool::LoadedVm;

inline Bytes compile_ok(const std::string& src) {
    Bytes image;
    std::string err;
    bool ok = tern::ccbpf::hosttool::compile_source("test.c", src, 8192, &image, &err);
    EXPECT_TRUE(ok) << err;
    return image;
}

inline std::string compile_error(const std::string& src) {
    Bytes image;
    std::string err;
    bool ok = tern::ccbpf::hosttool::compile_source("test.c", src, 8192, &image, &err);
    EXPECT_FALSE(ok);
    return err;
}

class FakeHost : public Host {
  public:
    void write(const char* b, size_t n) override { out.append(b, n); }
    uint32_t now_ms() override { return clock; }
    uint32_t node_id() override { return id; }
    const char* node_name() override { return name.c_str(); }
    std::string out;
    uint32_t clock = 1000;
    uint32_t id = 0;
    std::string name = "host";
};

inline std::unique_ptr<LoadedVm> load(const Bytes& image, Host* host) {
    auto vm = std::make_unique<LoadedVm>();
    std::string err;
    EXPECT_TRUE(vm->load(image, host, &err)) << err;
    return vm;
}

// Runs to the end in slices of `budget`; returns the final status.
inline Status run_all(Vm& vm, uint32_t budget = 1000000) {
    for (;;) {
        Status s = vm.run(budget);
        if (s == Status::Halted || s == Status::Trapped) return s;
    }
}

// After deliberate tampering, recompute what protects an image so that the checks
// behind the CRC and hash (the verifier's) are the ones exercised.
inline void reseal_image(Bytes& img) {
    wr64(img.data() + 48, image_content_hash(img.data(), img.size));
    wr32(img.data() + 56, image_crc(img.data(), img.size));
}

inline void reseal_snapshot(Bytes& s) {
    wr32(s.data() + s.size - 4, crc32(s.data(), s.size - 4));
}

inline Bytes take_snapshot(Vm& vm) {
    Bytes s;
    s.resize(snapshot_size(vm));
    size_t n = snapshot_save(vm, s.data(), s.size);
    EXPECT_EQ(n, s.size);
    return s;
}

// Runs `image` one instruction at a time, each time snapshotting the VM and resuming from
// those bytes in a fresh one (output goes to `host` throughout). Returns the VM that
// halted; `hops` counts the restores. A failed step or restore is a test failure and
// returns null.
inline std::unique_ptr<LoadedVm> run_hopping(const Bytes& image, FakeHost& host,
                                             int* hops = nullptr) {
    auto vm = load(image, &host);
    int n = 0;
    for (Status s; (s = vm->vm.run(1)) != Status::Halted; ++n) {
        EXPECT_EQ(Status::Slice, s);
        if (s != Status::Slice) return nullptr;
        Bytes snap = take_snapshot(vm->vm);
        auto fresh = load(image, &host);
        char why[160];
        bool restored = snapshot_restore(fresh->vm, snap.data(), snap.size, why, sizeof why);
        EXPECT_TRUE(restored) << why;
        if (!restored) return nullptr;
        vm = std::move(fresh);
    }
    if (hops != nullptr) *hops = n;
    return vm;
}

// Runs `image` straight through, then again with a snapshot and a fresh restore after
// every instruction: both runs must halt with `exit_code` having printed `expected`.
inline void expect_runs(const Bytes& image, const std::string& expected, int exit_code) {
    FakeHost host;
    auto vm = load(image, &host);
    EXPECT_EQ(Status::Halted, run_all(vm->vm));
    EXPECT_EQ(exit_code, vm->vm.exit_code());
    EXPECT_EQ(expected, host.out);
    FakeHost hop_host;
    auto hopped = run_hopping(image, hop_host);
    ASSERT_NE(nullptr, hopped);
    EXPECT_EQ(exit_code, hopped->vm.exit_code());
    EXPECT_EQ(expected, hop_host.out);
}

inline Insn* code_of(Bytes& img) {
    return reinterpret_cast<Insn*>(img.data() + kImageHeaderSize);
}

}  // namespace ccbpf_test
