// Shared by the fuzz targets: a silent host and "load, verify, run a bounded slice".
#pragma once
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"

class SilentHost : public tern::ccbpf::Host {
  public:
    void write(const char*, size_t) override {}
    uint32_t now_ms() override { return clock += 3; }
    uint32_t node_id() override { return 1; }
    const char* node_name() override { return "fuzz"; }
    uint32_t clock = 0;
};

// Loads (parse + verify) and runs up to 20000 instructions. Returns false if loading
// failed. Any memory error while running is caught by AddressSanitizer.
inline bool fuzz_run_image(const uint8_t* image, size_t size, char* why, size_t cap,
                           const uint8_t* snapshot = nullptr, size_t snapshot_size = 0,
                           bool* restored = nullptr) {
    static SilentHost host;
    static tern::ccbpf::Vm vm;
    if (size < 32) return false;
    uint32_t mem_size = tern::ccbpf::rd32(image + 28);
    if (mem_size > (1u << 22)) {
        snprintf(why, cap, "memory too large for the fuzzer");
        return false;
    }
    std::vector<uint8_t> memory(mem_size + 8);
    if (!vm.load(image, size, memory.data(), memory.size(), &host, why, cap)) return false;
    if (snapshot) {
        bool ok = tern::ccbpf::snapshot_restore(vm, snapshot, snapshot_size, why, cap);
        if (restored) *restored = ok;
        if (!ok) return true;
    }
    for (int i = 0; i < 20; i++) {
        tern::ccbpf::Status s = vm.run(1000);
        if (s == tern::ccbpf::Status::Halted || s == tern::ccbpf::Status::Trapped) break;
    }
    return true;
}
