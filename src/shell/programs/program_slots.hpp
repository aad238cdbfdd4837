// The program slots: each holds a program's name, source, image and, while it runs, its
// VM, memory and task. All static; a slot is found by name.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "programs.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/task.hpp"

namespace tern::shell {

struct ProgramSlot {
    char name[16];
    uint32_t source_len;
    uint32_t image_len;  // 0: not compiled (or the source changed since)
    bool started;        // its task was created (it may have ended or been killed since)
    bool finished;       // the task ended by itself: exit_status / trapped tell how
    bool trapped;
    int32_t exit_status;
    char source[SHELL_PROGRAM_SOURCE_BYTES];
    alignas(8) uint8_t image[SHELL_PROGRAM_IMAGE_BYTES];
    alignas(8) uint8_t memory[SHELL_PROGRAM_MEMORY_BYTES];
    ccbpf::Vm vm;
    Task task;
    Stack<SHELL_PROGRAM_STACK_BYTES> stack;
};

// The slot of `name`, or null.
ProgramSlot* program_find(const char* name);
// The slot of `name`, or a free one (named `name`), or null when all are taken.
ProgramSlot* program_claim(const char* name);
ProgramSlot* program_at(unsigned index);
// True while its task lives (not ended, not killed).
bool program_running(const ProgramSlot& p);

}  // namespace tern::shell
