// Runs an image to completion on the host, optionally snapshotting every N instructions
// and resuming each time from the snapshot bytes in a brand-new VM.
#pragma once
#include <stdint.h>

#include <memory>
#include <string>
#include <vector>

#include "host_runtime.hpp"
#include "tern/ccbpf/vm.hpp"

namespace tern::ccbpf::hosttool {

struct RunOptions {
    uint32_t snapshot_every = 0;  // 0: never
    uint32_t slice = 100000;
    uint64_t stop_after = 0;    // >0: stop after this many instructions (for --save-snapshot)
    std::string save_snapshot;  // where to write the snapshot when stopping
    const Bytes* resume_from = nullptr;  // start from this snapshot instead of main()
};

struct RunOutcome {
    int exit_code = 0;
    bool trapped = false;
    bool setup_failed = false;
    std::string message;  // trap or setup error
    uint64_t snapshots = 0;
    size_t largest_snapshot = 0;
};

// A VM together with the memory it runs in.
struct LoadedVm {
    Vm vm;
    std::vector<uint64_t> memory;
    bool load(const Bytes& image, Host* host, std::string* error);
};

RunOutcome run_image(const Bytes& image, Host* host, const RunOptions& options);

}  // namespace tern::ccbpf::hosttool
