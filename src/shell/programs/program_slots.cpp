#include "program_slots.hpp"

#include <string.h>

namespace tern::shell {

namespace {
ProgramSlot slots[SHELL_PROGRAM_SLOTS];
}  // namespace

ProgramSlot* program_at(unsigned index) {
    return index < SHELL_PROGRAM_SLOTS ? &slots[index] : nullptr;
}

ProgramSlot* program_find(const char* name) {
    for (ProgramSlot& p : slots) {
        if (p.name[0] != '\0' && strcmp(p.name, name) == 0) return &p;
    }
    return nullptr;
}

bool program_running(const ProgramSlot& p) {
    if (!p.started || p.finished) return false;
    TaskStats s;
    return task_get_stats(p.task, s) == Result::ok && s.state != TaskState::deleted;
}

ProgramSlot* program_claim(const char* name) {
    if (strlen(name) >= sizeof slots[0].name) return nullptr;
    ProgramSlot* p = program_find(name);
    if (p != nullptr) return p;
    for (ProgramSlot& s : slots) {
        if (s.name[0] == '\0' || (s.started && !program_running(s))) {
            p = &s;
            break;
        }
    }
    if (p == nullptr) return nullptr;
    strcpy(p->name, name);
    p->source_len = 0;
    p->image_len = 0;
    p->started = false;
    p->finished = false;
    return p;
}

}  // namespace tern::shell
