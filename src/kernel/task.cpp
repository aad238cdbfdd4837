// Task life cycle: create, delete, suspend, resume, priority, lookup, statistics.
#include <stddef.h>
#include <string.h>

#include "sched.hpp"

namespace tern::kernel {

bool is_idle(const Task& t);

namespace {

void registry_add(Task& t) {
    t.registry_next = k.registry;
    k.registry = &t;
}

void registry_remove(Task& t) {
    for (Task** link = &k.registry; *link != nullptr; link = &(*link)->registry_next) {
        if (*link == &t) {
            *link = t.registry_next;
            return;
        }
    }
}

Task* resolve(Task* t) { return t != nullptr ? t : current(); }

// Only a live task can be operated on; a deleted (or never created, zero-filled)
// control block is just memory.
bool live(const Task* t) { return t != nullptr && t->state != TaskState::deleted; }

}  // namespace

void task_exit() {
    task_delete(nullptr);
    for (;;) {
    }
}

}  // namespace tern::kernel

namespace tern {

using namespace kernel;

Result task_create(Task& t, const char* name, TaskEntry entry, void* arg, Priority priority,
                   void* stack, size_t stack_bytes) {
    if (entry == nullptr || stack == nullptr || priority > priority_max) return Result::invalid;
    uintptr_t lo = (reinterpret_cast<uintptr_t>(stack) + 7u) & ~uintptr_t{7};
    uintptr_t hi = (reinterpret_cast<uintptr_t>(stack) + stack_bytes) & ~uintptr_t{7};
    if (hi <= lo || hi - lo < port::min_stack_bytes) return Result::invalid;
    if (port::in_isr()) return Result::wrong_context;

    CriticalSection cs;
    if (live(&t)) return Result::invalid;  // already a live task
    port::task_release(t);
    // Every kernel field starts at zero (no links, not suspended, not timed, Result::ok);
    // the port's part, after them, is the port's own (task_release has reset it).
    memset(&t, 0, offsetof(Task, run_ticks) + sizeof t.run_ticks);
    t.name = name != nullptr ? name : "?";
    t.stack_base = reinterpret_cast<uint8_t*>(lo);
    t.stack_bytes = static_cast<uint32_t>(hi - lo);
    t.priority = t.base_priority = priority;
    stack_fill(t);
    t.sp = port::stack_init(t, t.stack_base, t.stack_bytes, entry, arg);
    t.state = TaskState::ready;
    registry_add(t);
    k.ready.insert_tail(t);
    reschedule();
    return Result::ok;
}

Result task_delete(Task* task) {
    if (port::in_isr() || (task == nullptr && current() == nullptr)) return Result::wrong_context;
    CriticalSection cs;
    Task* t = resolve(task);
    if (!live(t) || is_idle(*t)) return Result::invalid;
    detach(*t);
    t->state = TaskState::deleted;
    registry_remove(*t);
    if (t != current()) port::task_release(*t);
    reschedule();
    return Result::ok;
}

Result task_suspend(Task* task) {
    if (port::in_isr() || (task == nullptr && current() == nullptr)) return Result::wrong_context;
    CriticalSection cs;
    Task* t = resolve(task);
    if (!live(t) || is_idle(*t)) return Result::invalid;
    if (t->is_suspended) return Result::ok;
    t->is_suspended = true;
    if (t->state == TaskState::ready) {
        k.ready.remove(*t);
        t->state = TaskState::suspended;
    }
    // A blocked task keeps waiting; when its wait ends it stays suspended.
    reschedule();
    return Result::ok;
}

Result task_resume(Task* task) {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (!live(task)) return Result::invalid;
    Task& t = *task;
    if (!t.is_suspended) return Result::ok;
    t.is_suspended = false;
    if (t.state == TaskState::suspended) {
        t.state = TaskState::ready;
        k.ready.insert_tail(t);
        reschedule();
    }
    return Result::ok;
}

Result task_set_priority(Task* task, Priority p) {
    if (p > priority_max) return Result::invalid;
    if (port::in_isr() || (task == nullptr && current() == nullptr)) return Result::wrong_context;
    CriticalSection cs;
    Task* t = resolve(task);
    if (!live(t) || is_idle(*t)) return Result::invalid;
    // An inherited boost above the new base stays until the mutex that caused it is released.
    t->base_priority = p;
    if (t->mutexes_held != nullptr) {
        pi_hooks->recompute(*t);
    } else {
        change_priority(*t, p);
    }
    reschedule();
    return Result::ok;
}

Task* task_self() { return current(); }

Task* task_find(const char* name) {
    if (name == nullptr) return nullptr;
    CriticalSection cs;
    for (Task* t = k.registry; t != nullptr; t = t->registry_next) {
        if (strcmp(t->name, name) == 0) return t;
    }
    return nullptr;
}

Task* task_at(uint32_t index) {
    CriticalSection cs;
    Task* t = k.registry;
    while (t != nullptr && index-- != 0) t = t->registry_next;
    return t;
}

Result task_get_stats(const Task& t, TaskStats& out) {
    CriticalSection cs;
    out.name = t.name;
    out.state = t.state;
    out.priority = t.priority;
    out.base_priority = t.base_priority;
    out.cpu_permille =
        k.ticks ? static_cast<uint32_t>(uint64_t{t.run_ticks} * 1000 / k.ticks) : 0;
    out.stack_bytes = t.stack_bytes;
    out.stack_high_water = stack_high_water(t);
    return Result::ok;
}

const char* task_state_name(TaskState s) {
    switch (s) {
        case TaskState::ready: return "ready";
        case TaskState::blocked: return "blocked";
        case TaskState::suspended: return "suspended";
        case TaskState::deleted: return "deleted";
        case TaskState::faulted: return "faulted";
    }
    return "?";
}

const char* result_name(Result r) {
    switch (r) {
        case Result::ok: return "ok";
        case Result::timeout: return "timeout";
        case Result::would_block: return "would_block";
        case Result::invalid: return "invalid";
        case Result::wrong_context: return "wrong_context";
        case Result::deleted: return "deleted";
        case Result::no_memory: return "no_memory";
    }
    return "?";
}

}  // namespace tern
