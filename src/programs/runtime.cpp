// The program runtime (include/tern/programs.hpp): the slot table, staged loading, the
// compiler task, and the one loop that drives a program's VM.
//
// Who writes what. Callers of the API (any task) serialise on `table_lock`. A running
// program's task never takes that lock: `kill` may delete the task at any instruction,
// and a task deleted while holding a mutex would leave it locked for good. So the task
// is the only writer of its slot's live fields (phase, counters, trap text) while it
// lives; controllers post a request byte and give the slot's `wake` semaphore, and the
// task answers through `ack`. Byte and word stores are single-copy atomic on every port.
#include "tern/programs.hpp"

#include <string.h>

#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/mutex.hpp"
#include "tern/semaphore.hpp"
#include "tern/task.hpp"
#include "tern/time.hpp"

namespace tern::programs {

namespace {

enum class Request : uint8_t { none, pause, stop };

// How long a controller waits for a program's task before it looks again whether the
// task still lives (`kill` deletes it without a word).
constexpr uint32_t ack_recheck_ms = 100;

Environment env{};

class SlotHost final : public ccbpf::Host {
  public:
    void write(const char* bytes, size_t n) override {
        if (env.write != nullptr) env.write(env.ctx, bytes, n);
    }
    uint32_t now_ms() override { return ticks_to_ms(now()); }
    uint32_t node_id() override { return env.node_id; }
    const char* node_name() override { return env.node_name != nullptr ? env.node_name : "tern"; }
};

struct Slot {
    char name[name_max + 1];
    State state;             // written by controllers while not live, by the task while live
    volatile Request request;
    bool compiling;          // its source is being compiled: it must not change
    uint32_t source_len;
    uint32_t image_len;
    int32_t exit_code;
    uint32_t instructions_lo, instructions_hi;  // written only by the task
    char migrate_to[32];
    char message[192];
    Status news;  // what the task tells its environment when it ends or parks
    char source[PROGRAMS_SOURCE_BYTES];
    alignas(8) uint8_t image[PROGRAMS_IMAGE_BYTES];
    alignas(8) uint8_t memory[PROGRAMS_MEMORY_BYTES];
    ccbpf::Vm vm;
    SlotHost host;
    BinarySemaphore wake;  // the task waits here while sleeping, paused or parked
    BinarySemaphore ack;   // the task has done what was asked (paused, ended)
    Task task;
    Stack<PROGRAMS_TASK_STACK_BYTES> stack;
};

Slot slots[PROGRAMS_SLOTS];
Mutex table_lock;

// The one load in progress.
struct Staging {
    bool active;
    char name[name_max + 1];
    uint32_t len;
    uint32_t dropped;
    char source[PROGRAMS_SOURCE_BYTES];
};
Staging stage;

// The compiler: one compile at a time, on a task of its own with a large stack, because
// it recurses with the program's nesting; the caller waits on `compile_done`.
struct CompileJob {
    Slot* slot;
    ccbpf::CompileResult result;
};
Mutex compile_lock;
BinarySemaphore compile_done;
CompileJob job;
Task compiler_task;
Stack<PROGRAMS_COMPILER_STACK_BYTES> compiler_stack;
alignas(8) uint8_t compiler_arena[PROGRAMS_COMPILER_ARENA_BYTES];

bool is_live(State s) {
    return s == State::running || s == State::sleeping || s == State::paused ||
           s == State::migrating;
}
bool is_ended(State s) { return s == State::exited || s == State::trapped || s == State::stopped; }

bool task_alive(Slot& s) {
    TaskStats st;
    return task_get_stats(s.task, st) == Result::ok && st.state != TaskState::deleted;
}

// A slot whose program is live but whose task is gone was killed: it is stopped. Called
// with the table locked.
void settle(Slot& s) {
    if (is_live(s.state) && !task_alive(s)) s.state = State::stopped;
}

Slot* find(const char* name) {
    for (Slot& s : slots) {
        if (s.state != State::empty && strcmp(s.name, name) == 0) {
            settle(s);
            return &s;
        }
    }
    return nullptr;
}

// A slot for a new program: a free one, else one whose program has ended.
Slot* free_slot() {
    for (Slot& s : slots) {
        if (s.state == State::empty) return &s;
    }
    for (Slot& s : slots) {
        settle(s);
        if (is_ended(s.state) && !s.compiling) return &s;
    }
    return nullptr;
}

bool valid_name(const char* name) {
    size_t n = name != nullptr ? strlen(name) : 0;
    return n != 0 && n <= name_max;
}

void copy_text(char* dst, size_t cap, const char* src) {
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

uint64_t instructions_of(const Slot& s) {
    // One writer (the task) updates the two halves; read until both agree.
    for (;;) {
        uint32_t hi = s.instructions_hi;
        uint32_t lo = s.instructions_lo;
        if (hi == s.instructions_hi) return (uint64_t{hi} << 32) | lo;
    }
}

void fill_status(const Slot& s, Status& out) {
    memcpy(out.name, s.name, sizeof out.name);
    out.state = s.state;
    out.source_bytes = s.source_len;
    out.image_bytes = s.image_len;
    out.exit_code = s.exit_code;
    out.instructions = instructions_of(s);
    out.sleep_left_ms = 0;
    if (s.state == State::sleeping) {
        int32_t left = int32_t(s.vm.state().sleep_until - ticks_to_ms(now()));
        out.sleep_left_ms = left > 0 ? uint32_t(left) : 0;
    }
    memcpy(out.migrate_to, s.migrate_to, sizeof out.migrate_to);
    memcpy(out.message, s.message, sizeof out.message);
}

void tell(Slot& s) {
    if (env.changed == nullptr) return;
    fill_status(s, s.news);
    env.changed(env.ctx, s.news);
}

// Parks the task until a controller gives `wake`; returns what it then asks.
Request park(Slot& s, State parked) {
    s.state = parked;
    s.ack.give();
    for (;;) {
        s.wake.take(forever);
        Request r = s.request;
        if (r == Request::stop) return r;
        if (r == Request::none) return r;  // resumed
        s.ack.give();                      // paused again while paused: already there
    }
}

// The one loop that drives a program's VM: slices of instructions, between them a look
// at what controllers ask; sleep_ms() waits on `wake` for the time left, so a pause or a
// stop interrupts a sleep at once.
void program_main(void* arg) {
    Slot& s = *static_cast<Slot*>(arg);
    for (;;) {
        Request r = s.request;
        if (r == Request::pause) r = park(s, State::paused);
        if (r == Request::stop) break;
        s.state = State::running;
        ccbpf::Status st = s.vm.run(PROGRAMS_SLICE_INSTRUCTIONS);
        uint32_t lo = s.instructions_lo + s.vm.last_run_instructions();
        if (lo < s.instructions_lo) ++s.instructions_hi;
        s.instructions_lo = lo;
        if (st == ccbpf::Status::Halted || st == ccbpf::Status::Trapped) break;
        if (st == ccbpf::Status::Sleeping) {
            s.state = State::sleeping;
            s.wake.take(ms_to_ticks(s.vm.sleep_remaining_ms()));
        } else if (st == ccbpf::Status::Migrate) {
            copy_text(s.migrate_to, sizeof s.migrate_to, s.vm.migrate_target());
            s.state = State::migrating;
            tell(s);
            if (park(s, State::migrating) == Request::stop) break;
            s.migrate_to[0] = '\0';
        } else {
            yield();  // Slice, Yielded: equal-priority tasks (the shell) run too
        }
    }
    if (s.request == Request::stop) {
        s.state = State::stopped;
    } else if (s.vm.state().run_state == ccbpf::RunState::Trapped) {
        copy_text(s.message, sizeof s.message, s.vm.trap_message());
        s.exit_code = s.vm.exit_code();
        s.state = State::trapped;
    } else {
        s.exit_code = s.vm.exit_code();
        s.state = State::exited;
    }
    tell(s);
    s.ack.give();  // the last thing it does: whoever waits may reuse the slot
}

// Waits for the task's answer; false when the task vanished (killed) meanwhile.
bool wait_ack(Slot& s) {
    for (;;) {
        if (s.ack.take(ms_to_ticks(ack_recheck_ms)) == Result::ok) return true;
        if (!task_alive(s)) return false;
    }
}

// Makes sure the slot's previous task is gone before its control block is reused. An
// ended task may still be between its last `ack` and its return.
void retire_task(Slot& s) {
    if (task_alive(s)) task_delete(&s.task);
}

// Starts the slot's task on its loaded VM; with `first` = pause it parks before the first
// instruction.
Error launch(Slot& s, Request first) {
    retire_task(s);
    s.request = first;
    s.instructions_lo = s.instructions_hi = 0;
    s.migrate_to[0] = '\0';
    s.message[0] = '\0';
    s.wake.try_take();
    s.ack.try_take();
    s.state = State::running;
    if (task_create(s.task, s.name, program_main, &s, PROGRAMS_PRIORITY, s.stack) != Result::ok) {
        s.state = State::compiled;
        return Error::no_task;
    }
    return Error::none;
}

bool load_vm(Slot& s, const uint8_t* image, size_t size) {
    return s.vm.load(image, size, s.memory, sizeof s.memory, &s.host, s.message, sizeof s.message);
}

void compiler_main(void*) {
    Slot& s = *job.slot;
    ccbpf::CompileOptions options;
    options.stack_size = PROGRAMS_VM_STACK_BYTES;
    // Deeper nesting than this task's stack holds is a compile error, not an overflow.
    options.stack_bottom = compiler_stack.data();
    job.result = ccbpf::compile(s.name, s.source, s.source_len, compiler_arena,
                                sizeof compiler_arena, s.image, sizeof s.image, options);
    compile_done.give();
}

class Lock {
  public:
    explicit Lock(Mutex& m) : m_(m) { m_.lock(); }
    ~Lock() { m_.unlock(); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

  private:
    Mutex& m_;
};

}  // namespace

const char* state_name(State s) {
    switch (s) {
        case State::empty: return "empty";
        case State::loaded: return "loaded";
        case State::compiled: return "compiled";
        case State::running: return "running";
        case State::sleeping: return "sleeping";
        case State::paused: return "paused";
        case State::migrating: return "migrating";
        case State::exited: return "exited";
        case State::trapped: return "trapped";
        case State::stopped: return "stopped";
    }
    return "?";
}

const char* error_text(Error e) {
    switch (e) {
        case Error::none: return "ok";
        case Error::bad_name: return "a program's name has 1 to 15 characters";
        case Error::no_program: return "no such program";
        case Error::no_slot: return "every program slot is in use";
        case Error::busy: return "busy (another load or compile is in progress)";
        case Error::not_loading: return "no load in progress";
        case Error::too_large: return "too large for its buffer";
        case Error::is_running: return "it is running; stop it first";
        case Error::not_running: return "it is not running";
        case Error::not_compiled: return "it is not compiled";
        case Error::compile_failed: return "it did not compile";
        case Error::load_failed: return "the image or snapshot was refused";
        case Error::no_task: return "its task could not be created";
    }
    return "?";
}

void set_environment(const Environment& e) { env = e; }

// --- Loading -----------------------------------------------------------------------

Error load_begin(const char* name) {
    if (!valid_name(name)) return Error::bad_name;
    Lock lock(table_lock);
    if (stage.active) return Error::busy;
    Slot* s = find(name);
    if (s != nullptr && is_live(s->state)) return Error::is_running;
    if (s != nullptr && s->compiling) return Error::busy;
    if (s == nullptr && free_slot() == nullptr) return Error::no_slot;
    stage.active = true;
    copy_text(stage.name, sizeof stage.name, name);
    stage.len = 0;
    stage.dropped = 0;
    return Error::none;
}

Error load_append(const char* bytes, size_t n) {
    Lock lock(table_lock);
    if (!stage.active) return Error::not_loading;
    size_t room = sizeof stage.source - 1 - stage.len;  // one byte for the terminator
    size_t kept = n < room ? n : room;
    memcpy(stage.source + stage.len, bytes, kept);
    stage.len += uint32_t(kept);
    stage.dropped += uint32_t(n - kept);
    return stage.dropped != 0 ? Error::too_large : Error::none;
}

uint32_t load_dropped_bytes() { return stage.dropped; }

Error load_commit() {
    Lock lock(table_lock);
    if (!stage.active) return Error::not_loading;
    stage.active = false;
    if (stage.dropped != 0) return Error::too_large;
    Slot* s = find(stage.name);
    if (s != nullptr && is_live(s->state)) return Error::is_running;
    if (s != nullptr && s->compiling) return Error::busy;
    if (s == nullptr) s = free_slot();
    if (s == nullptr) return Error::no_slot;
    retire_task(*s);
    copy_text(s->name, sizeof s->name, stage.name);
    memcpy(s->source, stage.source, stage.len);
    s->source[stage.len] = '\0';
    s->source_len = stage.len;
    s->image_len = 0;
    s->exit_code = 0;
    s->instructions_lo = s->instructions_hi = 0;
    s->message[0] = '\0';
    s->migrate_to[0] = '\0';
    s->state = State::loaded;
    return Error::none;
}

void load_cancel() {
    Lock lock(table_lock);
    stage.active = false;
}

// --- Control -----------------------------------------------------------------------

Error compile(const char* name, uint32_t* image_bytes, uint32_t* arena_peak) {
    Slot* s;
    {
        Lock lock(table_lock);
        s = find(name);
        if (s == nullptr) return Error::no_program;
        if (is_live(s->state)) return Error::is_running;
        if (s->compiling) return Error::busy;
        if (s->source_len == 0 && s->image_len != 0) return Error::none;  // restored: no source
        s->compiling = true;
        s->image_len = 0;
    }
    Error result = Error::none;
    {
        Lock one_compile(compile_lock);
        job.slot = s;
        compile_done.try_take();
        if (task_create(compiler_task, "ccbpf-cc", compiler_main, nullptr, PROGRAMS_PRIORITY,
                        compiler_stack) != Result::ok) {
            result = Error::no_task;
        } else {
            compile_done.take(forever);
        }
    }
    Lock lock(table_lock);
    s->compiling = false;
    if (result != Error::none) return result;
    if (!job.result.ok) {
        copy_text(s->message, sizeof s->message, job.result.message);
        s->state = State::loaded;
        return Error::compile_failed;
    }
    s->image_len = uint32_t(job.result.image_size);
    s->message[0] = '\0';
    if (!is_ended(s->state)) s->state = State::compiled;
    if (image_bytes != nullptr) *image_bytes = s->image_len;
    if (arena_peak != nullptr) *arena_peak = uint32_t(job.result.arena_peak);
    return Error::none;
}

Error start(const char* name) {
    bool has_image;
    {
        Lock lock(table_lock);
        Slot* s = find(name);
        if (s == nullptr) return Error::no_program;
        if (is_live(s->state)) return Error::is_running;
        if (s->compiling) return Error::busy;
        has_image = s->image_len != 0;
    }
    if (!has_image) {
        Error e = compile(name);
        if (e != Error::none) return e;
    }
    // The table was unlocked meanwhile (the compile is long): look again.
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (is_live(s->state)) return Error::is_running;
    if (s->compiling || s->image_len == 0) return Error::busy;
    if (!load_vm(*s, s->image, s->image_len)) return Error::load_failed;
    return launch(*s, Request::none);
}

Error pause(const char* name) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (!is_live(s->state)) return Error::not_running;
    if (s->state == State::paused || s->state == State::migrating) return Error::none;
    s->ack.try_take();
    s->request = Request::pause;
    s->wake.give();
    if (!wait_ack(*s)) {
        s->state = State::stopped;
        return Error::not_running;
    }
    return Error::none;
}

Error resume(const char* name) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (s->state != State::paused && s->state != State::migrating) return Error::not_running;
    s->request = Request::none;
    s->wake.give();
    return Error::none;
}

Error stop(const char* name) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (!is_live(s->state)) return Error::not_running;
    s->ack.try_take();
    s->request = Request::stop;
    s->wake.give();
    // A task that was parked answers its park first; wait until it has ended.
    while (wait_ack(*s) && !is_ended(s->state)) {
    }
    s->state = State::stopped;
    retire_task(*s);
    return Error::none;
}

Error remove(const char* name) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (is_live(s->state)) return Error::is_running;
    if (s->compiling) return Error::busy;
    retire_task(*s);
    s->state = State::empty;
    s->name[0] = '\0';
    return Error::none;
}

// --- State -------------------------------------------------------------------------

Error image(const char* name, const uint8_t** bytes, uint32_t* size) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (s->image_len == 0) return Error::not_compiled;
    *bytes = s->image;
    *size = s->image_len;
    return Error::none;
}

Error snapshot(const char* name, uint8_t* out, size_t cap, size_t* size) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    if (s->state != State::paused && s->state != State::migrating) return Error::not_running;
    size_t n = ccbpf::snapshot_save(s->vm, out, cap);
    if (n == 0) return Error::too_large;
    *size = n;
    return Error::none;
}

Error restore(const char* name, const uint8_t* image_bytes, size_t image_size,
              const uint8_t* snapshot_bytes, size_t snapshot_size, char* why, size_t why_cap) {
    if (!valid_name(name)) return Error::bad_name;
    if (image_size > PROGRAMS_IMAGE_BYTES) return Error::too_large;
    Lock lock(table_lock);
    Slot* old = find(name);
    if (old != nullptr && (is_live(old->state) || old->compiling)) return Error::is_running;
    // A free slot first, so that a refused restore leaves an ended program of this name be.
    Slot* s = nullptr;
    for (Slot& c : slots) {
        if (c.state == State::empty) {
            s = &c;
            break;
        }
    }
    if (s == nullptr) s = old != nullptr ? old : free_slot();
    if (s == nullptr) return Error::no_slot;
    retire_task(*s);
    memcpy(s->image, image_bytes, image_size);
    copy_text(s->name, sizeof s->name, name);
    s->source_len = 0;
    s->source[0] = '\0';
    s->image_len = 0;
    s->state = State::empty;  // until both parts are accepted
    if (!load_vm(*s, s->image, image_size) ||
        !ccbpf::snapshot_restore(s->vm, snapshot_bytes, snapshot_size, s->message,
                                 sizeof s->message)) {
        if (why != nullptr && why_cap != 0) copy_text(why, why_cap, s->message);
        s->name[0] = '\0';  // when it was `old`'s slot, that program is gone (documented)
        return Error::load_failed;
    }
    if (old != nullptr && old != s) {
        old->state = State::empty;
        old->name[0] = '\0';
    }
    s->image_len = uint32_t(image_size);
    Error e = launch(*s, Request::pause);  // it starts parked: resume() runs it
    if (e != Error::none) return e;
    wait_ack(*s);
    return Error::none;
}

// --- Looking -----------------------------------------------------------------------

Error status(const char* name, Status& out) {
    Lock lock(table_lock);
    Slot* s = find(name);
    if (s == nullptr) return Error::no_program;
    fill_status(*s, out);
    return Error::none;
}

bool status_at(unsigned index, Status& out) {
    if (index >= PROGRAMS_SLOTS) return false;
    Lock lock(table_lock);
    Slot& s = slots[index];
    if (s.state == State::empty) return false;
    settle(s);
    fill_status(s, out);
    return true;
}

}  // namespace tern::programs
