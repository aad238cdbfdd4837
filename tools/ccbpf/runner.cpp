#include "runner.hpp"

#include <string.h>
#include <time.h>

#include "tern/ccbpf/snapshot.hpp"

namespace tern::ccbpf::hosttool {

bool LoadedVm::load(const Bytes& image, Host* host, std::string* error) {
    if (image.size < kImageHeaderSize) {
        *error = "image: truncated header";
        return false;
    }
    uint32_t mem_size = rd32(image.data() + 28);
    if (mem_size > (64u << 20)) {
        *error = "image: memory size too large";
        return false;
    }
    memory.assign((mem_size + 7) / 8 + 1, 0);
    char why[160];
    if (!vm.load(image.data(), image.size, reinterpret_cast<uint8_t*>(memory.data()),
                 memory.size() * 8, host, why, sizeof why)) {
        *error = why;
        return false;
    }
    return true;
}

static void sleep_ms(uint32_t ms) {
    timespec ts{time_t(ms / 1000), long(ms % 1000) * 1000000L};
    nanosleep(&ts, nullptr);
}

RunOutcome run_image(const Bytes& image, Host* host, const RunOptions& opt) {
    RunOutcome out;
    auto current = std::make_unique<LoadedVm>();
    if (!current->load(image, host, &out.message)) {
        out.setup_failed = true;
        return out;
    }
    if (opt.resume_from) {
        char why[160];
        if (!snapshot_restore(current->vm, opt.resume_from->data(), opt.resume_from->size, why,
                              sizeof why)) {
            out.setup_failed = true;
            out.message = why;
            return out;
        }
    }
    Bytes snap;
    // Moves the program into a fresh VM through snapshot bytes.
    auto hop = [&]() -> bool {
        snap.resize(snapshot_size(current->vm));
        size_t n = snapshot_save(current->vm, snap.data(), snap.size);
        if (!n) {
            out.message = "snapshot failed";
            return false;
        }
        snap.size = n;
        out.snapshots++;
        if (n > out.largest_snapshot) out.largest_snapshot = n;
        auto fresh = std::make_unique<LoadedVm>();
        if (!fresh->load(image, host, &out.message)) return false;
        char why[160];
        if (!snapshot_restore(fresh->vm, snap.data(), snap.size, why, sizeof why)) {
            out.message = why;
            return false;
        }
        current = std::move(fresh);
        return true;
    };
    uint64_t executed = 0;
    for (;;) {
        uint32_t budget = opt.snapshot_every ? opt.snapshot_every : opt.slice;
        if (opt.stop_after && opt.stop_after - executed < budget)
            budget = uint32_t(opt.stop_after - executed);
        Status st = current->vm.run(budget);
        executed +=
            budget;  // an upper bound when the program stopped early; only used for stop_after
        if (st == Status::Halted) {
            out.exit_code = current->vm.exit_code();
            return out;
        }
        if (st == Status::Trapped) {
            out.trapped = true;
            out.exit_code = current->vm.exit_code();
            out.message = current->vm.trap_message();
            return out;
        }
        if (opt.stop_after && executed >= opt.stop_after && st == Status::Slice) {
            snap.resize(snapshot_size(current->vm));
            size_t n = snapshot_save(current->vm, snap.data(), snap.size);
            if (!n || !write_file(opt.save_snapshot, snap.data(), n)) {
                out.setup_failed = true;
                out.message = "cannot write snapshot";
            }
            return out;
        }
        if (st == Status::Migrate || opt.snapshot_every) {
            if (!hop()) {
                out.setup_failed = true;
                return out;
            }
        }
        if (st == Status::Sleeping) {
            uint32_t left = current->vm.sleep_remaining_ms();
            // With snapshots on, wake often so that sleeping programs are snapshotted too.
            if (opt.snapshot_every && left > 1) left = 1;
            if (left) sleep_ms(left);
        }
    }
}

}  // namespace tern::ccbpf::hosttool
