// The ccBPF virtual machine: an accumulator machine over one linear, bounds-checked memory,
// run in slices of N instructions. Its whole state is VmState plus the memory, which is
// exactly what a snapshot carries.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/ccbpf/host.hpp"
#include "tern/ccbpf/image.hpp"

#ifndef CCBPF_MAX_CALL_DEPTH
#define CCBPF_MAX_CALL_DEPTH 128
#endif

namespace tern::ccbpf {

constexpr uint32_t kMaxCallDepth = CCBPF_MAX_CALL_DEPTH;
constexpr int kTrapExitStatus = 70;    // a trap ends the program with this status
constexpr int kAbortExitStatus = 134;  // abort(), as a native SIGABRT would

enum class Status : uint8_t {
    Slice,     // the instruction budget ran out; call run() again
    Sleeping,  // inside sleep_ms(): call run() again after sleep_remaining_ms()
    Yielded,   // the program called yield()
    Migrate,   // the program called migrate(migrate_target()); snapshot and move it
    Halted,    // main returned or exit() was called: exit_code()
    Trapped,   // a run-time error: trap_message(), exit_code() == kTrapExitStatus
};

enum class RunState : uint8_t { Running = 0, Sleeping = 1, Halted = 2, Trapped = 3 };

// A return-stack entry. Return addresses live outside the program's memory so that no
// store, however wild, can redirect control flow.
struct CallFrame {
    uint32_t ret_pc;
    uint32_t fp;
};

struct VmState {
    uint32_t pc = 0;
    uint32_t fp = 0;
    uint32_t sp = 0;
    uint32_t acc = 0;
    uint32_t depth = 0;  // live entries in `calls`
    uint32_t rand_state = 1;
    RunState run_state = RunState::Running;
    int32_t exit_code = 0;
    uint32_t sleep_until = 0;  // host clock, valid while Sleeping
    uint32_t time_base = 0;    // host clock at program start (time_ms() is relative to it)
    CallFrame calls[kMaxCallDepth];
};

class Vm {
  public:
    // Parses and verifies `image` (which must stay alive and 4-byte aligned), then prepares
    // to run main(). `memory` must hold image mem_size bytes. Returns false with a reason.
    bool load(const uint8_t* image, size_t image_size, uint8_t* memory, size_t memory_size,
              Host* host, char* why, size_t why_cap);

    // Executes at most `budget` instructions (budget >= 1).
    Status run(uint32_t budget);
    // Instructions the last run() executed (the budget, when it returned Slice).
    uint32_t last_run_instructions() const { return last_run_; }

    const ImageView& image() const { return image_; }
    VmState& state() { return state_; }
    const VmState& state() const { return state_; }
    uint8_t* memory() { return mem_; }
    uint32_t memory_size() const { return mem_size_; }
    Host* host() { return host_; }

    int exit_code() const { return state_.exit_code; }
    const char* trap_message() const { return trap_; }
    const char* migrate_target() const { return migrate_to_; }
    uint32_t sleep_remaining_ms();

    // Used by snapshot restore: the state was replaced wholesale.
    void set_trap(const char* what, uint32_t pc);

  private:
    friend Status builtin(Vm& vm, uint32_t id, uint32_t nargs);

    ImageView image_{};
    uint8_t* mem_ = nullptr;
    uint32_t mem_size_ = 0;
    Host* host_ = nullptr;
    VmState state_{};
    char trap_[160] = {};
    char migrate_to_[kNodeNameSize] = {};
    uint32_t last_run_ = 0;
};

}  // namespace tern::ccbpf
