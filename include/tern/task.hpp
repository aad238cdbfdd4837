// Tasks: caller-supplied control block and stack, 256 priorities (0 = lowest, the idle
// task's; higher numbers preempt lower), round-robin among equals.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "tern/config.hpp"
#include "tern/port.hpp"
#include "tern/result.hpp"
#include "tern/time.hpp"

namespace tern {

using Priority = uint8_t;
inline constexpr Priority priority_idle = 0;
inline constexpr Priority priority_max = config::priority_levels - 1;

using TaskEntry = void (*)(void* arg);

enum class TaskState : uint8_t {
    deleted,    // never created, or removed: its control block and stack may be reused
    ready,      // runnable (the running task is ready too)
    blocked,    // delayed, or waiting on an object (maybe with a timeout)
    suspended,  // stopped by task_suspend until task_resume
    faulted,    // stopped by the kernel: stack overflow or a fault
};

class WaitQueue;
class Mutex;

// The task control block. Its fields belong to the kernel; the application only
// allocates it (statically) and passes it to task_create.
struct Task {
    void* sp;  // saved stack pointer: first, ports find it at offset 0
    Task* next;  // ready-list links (circular)
    Task* prev;
    Task* wait_next;  // timeout list (sorted by wake tick)
    Task* wait_prev;
    Task* queue_next;  // a WaitQueue's links (priority order)
    Task* queue_prev;
    WaitQueue* waiting_on;
    Mutex* blocked_mutex;  // the mutex whose queue this task waits in (priority inheritance)
    Mutex* mutexes_held;   // mutexes this task owns, most recently locked first
    Task* registry_next;  // every live task, for find and iteration
    const char* name;
    uint8_t* stack_base;
    uint32_t stack_bytes;
    Tick wake;
    Priority priority;       // effective (may be raised by priority inheritance)
    Priority base_priority;  // as set by create/set_priority
    TaskState state;
    bool is_suspended;  // suspension is orthogonal to blocking: a blocked task may be suspended
    bool timed;         // on the timeout list
    Result wait_result;
    uintptr_t wait_value;  // object-specific data exchanged with a waker
    uint32_t run_ticks;    // ticks sampled while running (CPU share); the last kernel
                           // field: task_create zeroes the block up to here
    [[no_unique_address]] port::TaskData port;
};

struct TaskStats {
    const char* name;
    TaskState state;
    Priority priority;
    Priority base_priority;
    uint32_t cpu_permille;      // share of ticks this task ran since boot, in 1/1000
    uint32_t stack_bytes;       // stack size
    uint32_t stack_high_water;  // most stack ever used, in bytes (from the fill pattern)
};

struct SystemStats {
    Tick uptime_ticks;
    uint32_t context_switches;
    uint32_t idle_permille;  // idle share since boot, in 1/1000
    uint32_t task_count;
};

// Creates a task and makes it ready. `stack` must stay valid while the task lives;
// its size is rounded down to the port's alignment. Callable before start() and from tasks.
Result task_create(Task& task, const char* name, TaskEntry entry, void* arg, Priority priority,
                   void* stack, size_t stack_bytes);
// nullptr means the calling task (wrong_context before start(), when there is none).
// Deleting a task releases any wait it is in. From an interrupt, suspend, resume, delete
// and set_priority return wrong_context.
Result task_delete(Task* task);
Result task_suspend(Task* task);
Result task_resume(Task* task);
Result task_set_priority(Task* task, Priority priority);
Task* task_self();
Task* task_find(const char* name);
// Iteration over live tasks (the idle task included): index 0, 1, ... until nullptr.
Task* task_at(uint32_t index);
Result task_get_stats(const Task& task, TaskStats& out);

// True while a live task waits on a wait queue stored in [storage, storage + bytes), or
// holds a mutex stored there. It reads only the tasks, never the storage, so it is safe on
// memory that was never initialised. Re-initialising storage in use would strand its
// waiters: the C API refuses to (docs/kernel-services.md). Call with interrupts masked
// together with what it guards.
bool storage_in_use(const void* storage, size_t bytes);

// Both return wrong_context (and do nothing) before start() and from an interrupt.
Result yield();
// Blocks the caller for `ticks` (0 = yield).
Result delay(Tick ticks);
// Blocks until last_wake + period, then advances last_wake by period: a fixed rate that
// never drifts, however long the task ran. Returns would_block (without blocking) when
// that time has already passed, so the caller can see the overrun.
Result delay_until(Tick& last_wake, Tick period);

Tick now();
void system_stats(SystemStats& out);

// Starts the scheduler with the tasks created so far; never returns.
[[noreturn]] void start();
bool started();

// Stack memory sized for this port: `Stack<1024>` is 1 KiB on a microcontroller and
// larger where the port needs more (the host port runs tasks on threads).
template <size_t Bytes>
struct Stack {
    alignas(8) uint8_t bytes[port::stack_bytes(Bytes)];
    constexpr size_t size() const { return sizeof(bytes); }
    void* data() { return bytes; }
};

template <size_t Bytes>
inline Result task_create(Task& task, const char* name, TaskEntry entry, void* arg,
                          Priority priority, Stack<Bytes>& stack) {
    return task_create(task, name, entry, arg, priority, stack.data(), stack.size());
}

const char* task_state_name(TaskState s);

}  // namespace tern
