// The program runtime: ccBPF programs loaded as C source, compiled on the device, run as
// VMs in tasks of their own, paused, stopped, snapshotted and restored. It owns every
// program's source, image, VM memory and task; the shell (and later the world and
// migration) are its clients, through the calls below.
//
// Programs live in a fixed table of PROGRAMS_SLOTS slots, found by name. All memory is
// static and sized here at build time. Every call is for tasks (not interrupts) and is
// safe from any task: one mutex guards the table. Calls that wait (compile, the ends of
// pause and stop) wait on kernel objects, never by polling.
//
// A program's life:
//   load_begin/append/commit -> loaded -> compile -> compiled -> start -> running
//   running <-> sleeping (inside sleep_ms) ; running -> paused (pause) -> running (resume)
//   running -> migrating: the program called migrate(node); it is parked with its whole
//             state kept (until migration lands, resume continues it here)
//   running -> exited N | trapped | stopped (stop, or its task deleted by `kill`)
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/result.hpp"

#ifndef PROGRAMS_SLOTS
#define PROGRAMS_SLOTS 2  // programs held at once
#endif
#ifndef PROGRAMS_SOURCE_BYTES
#define PROGRAMS_SOURCE_BYTES 8192  // C source per program (and the one load in progress)
#endif
#ifndef PROGRAMS_IMAGE_BYTES
#define PROGRAMS_IMAGE_BYTES 8192  // compiled image per program
#endif
#ifndef PROGRAMS_MEMORY_BYTES
#define PROGRAMS_MEMORY_BYTES 16384  // VM memory per program: its globals and its stack
#endif
#ifndef PROGRAMS_VM_STACK_BYTES
#define PROGRAMS_VM_STACK_BYTES 8192  // the VM stack each program is compiled for
#endif
#ifndef PROGRAMS_COMPILER_ARENA_BYTES
#define PROGRAMS_COMPILER_ARENA_BYTES 65536  // the compiler's working memory (one at a time)
#endif
#ifndef PROGRAMS_COMPILER_STACK_BYTES
#define PROGRAMS_COMPILER_STACK_BYTES 16384  // the compiler task's stack (it recurses)
#endif
#ifndef PROGRAMS_TASK_STACK_BYTES
#define PROGRAMS_TASK_STACK_BYTES 1024  // a program task's stack (the VM's stack is in its
#endif                                  // memory)
#ifndef PROGRAMS_PRIORITY
#define PROGRAMS_PRIORITY 1  // programs and the compiler: the shell's, so a busy program
#endif                       // shares the CPU with it
#ifndef PROGRAMS_SLICE_INSTRUCTIONS
#define PROGRAMS_SLICE_INSTRUCTIONS 2000  // instructions between two looks at requests
#endif

namespace tern::programs {

inline constexpr size_t name_max = 15;  // characters in a program's name

enum class State : uint8_t {
    empty,      // a free slot
    loaded,     // source only
    compiled,   // an image, not started (or ended and started again from here)
    running,    // its task runs the VM
    sleeping,   // inside sleep_ms(): its task waits for the time left
    paused,     // stopped at an instruction boundary by pause(); resume() continues it
    migrating,  // it called migrate(node): parked with its state kept (see above)
    exited,     // main returned or exit(): exit_code
    trapped,    // a run-time error: message
    stopped,    // stop(), or its task was deleted
};
const char* state_name(State s);

// Why a call refused; each has a sentence for the user (error_text).
enum class Error : uint8_t {
    none,
    bad_name,       // empty or longer than name_max
    no_program,     // no program by that name
    no_slot,        // every slot holds a program that is not ended
    busy,           // another load is in progress (one at a time)
    not_loading,    // append/commit/cancel without load_begin
    too_large,      // the source, image or state does not fit its buffer
    is_running,     // the request needs it stopped (reload, compile, restore)
    not_running,    // pause/resume/snapshot need a live program
    not_compiled,   // no image yet
    compile_failed, // see Status::message
    load_failed,    // the image or snapshot was refused (Status::message says why)
    no_task,        // its task could not be created
};
const char* error_text(Error e);

struct Status {
    char name[name_max + 1];
    State state;
    uint32_t source_bytes;
    uint32_t image_bytes;      // 0: not compiled (or the source changed since)
    int32_t exit_code;         // valid when exited (or trapped: the VM's trap status)
    uint64_t instructions;     // executed since start (or since restore)
    uint32_t sleep_left_ms;    // sleeping: time left
    char migrate_to[32];       // migrating: the node it asked for (ccBPF names: < 32)
    char message[192];         // the last compile error, trap or refusal
};

// What a program sees of the system, and how its owner hears of its end. Set once by the
// image's set-up code before any program starts (the shell app does it for the console).
struct Environment {
    // Program output (printf, putchar, puts), in the program's task.
    void (*write)(void* ctx, const char* bytes, size_t n);
    // A program ended (exited, trapped, stopped) or parked (migrating); in its task.
    void (*changed)(void* ctx, const Status& status);
    void* ctx;
    uint32_t node_id;
    const char* node_name;
};
void set_environment(const Environment& env);

// --- Loading source: staged, so that a load replaces a program only when complete ----
// Claims the one staging buffer for `name`. Refuses (and stages nothing) when the name is
// bad, another load is in progress, the program is running, or no slot could take it.
Error load_begin(const char* name);
// Appends source; past PROGRAMS_SOURCE_BYTES - 1 bytes the rest is counted, not kept,
// and commit() refuses with too_large. dropped_bytes() says how much.
Error load_append(const char* bytes, size_t n);
uint32_t load_dropped_bytes();
// The staged source becomes the program's (replacing an old one, whose image is dropped).
Error load_commit();
// Abandons the staged source; the program keeps what it had.
void load_cancel();

// --- Control --------------------------------------------------------------------------
// Compiles the program's source on the compiler task (the caller waits on a semaphore);
// the image replaces any earlier one. compile_failed: status().message has the error.
Error compile(const char* name, uint32_t* image_bytes = nullptr, uint32_t* arena_peak = nullptr);
// Compiles when there is no image, then runs it from main() in a task named after it.
Error start(const char* name);
// Stops at the next instruction boundary (a sleeping program at once); the caller waits.
Error pause(const char* name);
// Continues a paused or migrating program.
Error resume(const char* name);
// Ends a live program (its state becomes stopped); the caller waits for its task to end.
Error stop(const char* name);
// Forgets a program that is not live; its slot is free again.
Error remove(const char* name);

// --- State, for migration and tools ---------------------------------------------------
// The image of a compiled program (valid until it is recompiled or removed).
Error image(const char* name, const uint8_t** bytes, uint32_t* size);
// Writes the snapshot of a paused or migrating program; *size is what it took.
Error snapshot(const char* name, uint8_t* out, size_t cap, size_t* size);
// Makes (or replaces) `name` from an image and a snapshot of it, paused; resume() runs it.
// Refused with load_failed (the reason in `why`) when either is malformed or they do not
// belong together. It takes a free slot first, so an ended program of that name is
// replaced only on success; with no free slot it takes that program's slot, which a
// refusal leaves empty.
Error restore(const char* name, const uint8_t* image, size_t image_size,
              const uint8_t* snapshot, size_t snapshot_size, char* why = nullptr,
              size_t why_cap = 0);

// --- Looking -----------------------------------------------------------------------
Error status(const char* name, Status& out);
// Slot by index (0..PROGRAMS_SLOTS-1); false for an empty slot or past the end.
bool status_at(unsigned index, Status& out);

}  // namespace tern::programs
