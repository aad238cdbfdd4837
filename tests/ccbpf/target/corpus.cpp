// ccBPF on a board: compiles conformance programs on the device and runs them in the VM in
// a tern task, slice by slice, checking each program's output (length and CRC-32) and exit
// status against what gcc's build of it printed on the host (embed_corpus.py puts both in
// corpus.inc). A program the device compiles must come out byte-identical to the image the
// host tool made. Programs whose compilation does not fit this board's arena or image
// buffer run from the host-compiled image in flash, and so does everything on a board built
// without the compiler (CCBPF_TARGET_ARENA_BYTES 0). With CCBPF_TARGET_SNAPSHOT, every
// slice ends with a snapshot, a fresh load of the image and a restore from those bytes.
// Then every program is resumed from the snapshot the host (x86-64) took of it part way
// through, and must go on to print what gcc's build printed after that point: captured on
// one kind of machine, resumed on this one.
//
// Sizes come from tests/ccbpf/target/CMakeLists.txt, per board:
//   CCBPF_TARGET_ARENA_BYTES   compiler arena (0: no compiler in the image)
//   CCBPF_TARGET_ARENA_LIMIT   every on-device compilation must peak below this
//   CCBPF_TARGET_IMAGE_BYTES   buffer the device compiles into
//   CCBPF_TARGET_MEMORY_BYTES  the program's memory (globals + VM stack)
//   CCBPF_TARGET_TASK_STACK    the stack of the task that compiles and runs
//   CCBPF_TARGET_MIN_COMPILED  at least this many programs must compile on the device
#include <stdint.h>
#include <string.h>

#ifndef CCBPF_TARGET_SNAPSHOT
#define CCBPF_TARGET_SNAPSHOT 0
#endif

#include "check.hpp"
#include "corpus.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/task.hpp"
#if CCBPF_TARGET_ARENA_BYTES
#include "tern/ccbpf/compiler.hpp"
#endif

using namespace tern;

namespace {

#include "corpus.inc"  // generated: kCorpus, kLeftOut

constexpr size_t kWorkBytes = CCBPF_TARGET_ARENA_BYTES > CCBPF_TARGET_MEMORY_BYTES
                                  ? CCBPF_TARGET_ARENA_BYTES
                                  : CCBPF_TARGET_MEMORY_BYTES;
// The compiler's arena while compiling, then the program's memory: never both at once.
alignas(8) uint8_t work[kWorkBytes];
#if CCBPF_TARGET_ARENA_BYTES
alignas(8) uint8_t compiled[CCBPF_TARGET_IMAGE_BYTES];
#endif
#if CCBPF_TARGET_SNAPSHOT
// A snapshot holds the header, the live return stack and at most the whole memory.
alignas(8) uint8_t
    snapshot[ccbpf::kSnapshotHeaderSize + 8 * ccbpf::kMaxCallDepth + CCBPF_TARGET_MEMORY_BYTES];
#endif

// What programs see of the node: gcc's ccbpf.h says node 0, "host", so the outputs match.
class CheckingHost final : public ccbpf::Host {
  public:
    void write(const char* bytes, size_t n) override {
        crc = ccbpf::crc32_update(crc, reinterpret_cast<const uint8_t*>(bytes), n);
        len += static_cast<uint32_t>(n);
    }
    uint32_t now_ms() override { return ticks_to_ms(now()); }
    uint32_t node_id() override { return 0; }
    const char* node_name() override { return "host"; }
    uint32_t crc = 0;
    uint32_t len = 0;
};

// Slices are short where every one ends in a snapshot, so that programs hop many times.
constexpr uint32_t kSliceInstructions = CCBPF_TARGET_SNAPSHOT ? 1000 : 20000;

ccbpf::Vm vm;
CheckingHost host;
char why[128];
#if CCBPF_TARGET_SNAPSHOT
uint32_t snapshots_taken;
uint32_t largest_snapshot;
#endif

bool load(const uint8_t* image, size_t size) {
    if (vm.load(image, size, work, sizeof work, &host, why, sizeof why)) return true;
    print("  load failed: %s\r\n", why);
    return false;
}

// Runs the loaded program to its end; false if a snapshot or a restore failed.
bool run_to_end(const uint8_t* image, size_t size) {
    for (;;) {
        ccbpf::Status st = vm.run(kSliceInstructions);
        if (st == ccbpf::Status::Halted || st == ccbpf::Status::Trapped) return true;
#if CCBPF_TARGET_SNAPSHOT
        size_t n = ccbpf::snapshot_save(vm, snapshot, sizeof snapshot);
        if (n == 0) {
            print("  snapshot does not fit %u bytes\r\n", unsigned(sizeof snapshot));
            return false;
        }
        snapshots_taken++;
        if (n > largest_snapshot) largest_snapshot = uint32_t(n);
        if (!load(image, size)) return false;  // a fresh VM: only the bytes carry the state
        if (!ccbpf::snapshot_restore(vm, snapshot, n, why, sizeof why)) {
            print("  restore refused: %s\r\n", why);
            return false;
        }
#else
        (void)image;
        (void)size;
#endif
        if (st == ccbpf::Status::Sleeping)
            delay(ms_to_ticks(vm.sleep_remaining_ms()));
        else if (st == ccbpf::Status::Yielded)
            yield();
    }
}

#if CCBPF_TARGET_ARENA_BYTES
bool out_of_room(const char* message) {
    return strstr(message, "out of compiler memory") || strstr(message, "out of compiler stack") ||
           strstr(message, "for the output buffer") || strstr(message, "arena too small");
}
#endif

uint32_t compiled_here, from_host_image, largest_peak, handed_over;

// The program as the host tool left it after p.hand_over_at instructions, restored from
// those bytes into this chip's VM over the image it runs (the device's compile or the
// host's: the same bytes), run on to its end.
void resume_hand_over(const CorpusProgram& p, const uint8_t* image, size_t size) {
    host.crc = 0;
    host.len = 0;
    if (!load(image, size)) {
        test::fail_at(__FILE__, __LINE__, p.name);
        return;
    }
    if (!ccbpf::snapshot_restore(vm, p.hand_over, p.hand_over_size, why, sizeof why)) {
        print("  %s: the host's snapshot is refused: %s\r\n", p.name, why);
        test::fail_at(__FILE__, __LINE__, p.name);
        return;
    }
    if (!run_to_end(image, size)) {
        test::fail_at(__FILE__, __LINE__, p.name);
        return;
    }
    handed_over++;
    if (host.len != p.rest_len || host.crc != p.rest_crc || vm.exit_code() != p.status) {
        print("  %s: resumed after %u instructions on the host, it printed %u bytes (crc %x) "
              "status %d; gcc's build printed %u (crc %x) status %d from there\r\n",
              p.name, unsigned(p.hand_over_at), unsigned(host.len), unsigned(host.crc),
              vm.exit_code(), unsigned(p.rest_len), unsigned(p.rest_crc), int(p.status));
        test::fail_at(__FILE__, __LINE__, p.name);
    }
}
Stack<CCBPF_TARGET_TASK_STACK> worker_stack;  // compiles and runs one program

void run_program(const CorpusProgram& p) {
    const uint8_t* image = p.image;
    size_t size = p.image_size;
    const char* how = "host image";
    size_t peak = 0;
#if CCBPF_TARGET_ARENA_BYTES
    ccbpf::CompileOptions options;
    options.stack_size = CCBPF_TARGET_VM_STACK;
    options.stack_bottom = worker_stack.data();  // deeper nesting: an error, not an overflow
    ccbpf::CompileResult r =
        ccbpf::compile(p.name, p.source, p.source_len, work, CCBPF_TARGET_ARENA_BYTES, compiled,
                       sizeof compiled, options);
    if (r.ok) {
        image = compiled;
        size = r.image_size;
        how = "compiled here";
        compiled_here++;
        peak = r.arena_peak;
        if (r.arena_peak > largest_peak) largest_peak = uint32_t(r.arena_peak);
        CHECK(r.arena_peak < CCBPF_TARGET_ARENA_LIMIT);
        if (size != p.image_size || ccbpf::crc32(compiled, size) != p.image_crc) {
            print("  %s: the device's image differs from the host's\r\n", p.name);
            test::fail_at(__FILE__, __LINE__, p.name);
        }
    } else if (!out_of_room(r.message) || image == nullptr) {
        print("  %s: %s\r\n", p.name, r.message);
        test::fail_at(__FILE__, __LINE__, p.name);
        return;
    } else {
        from_host_image++;
        print("  %s: does not compile here (%s)\r\n", p.name, r.message);
    }
#else
    from_host_image++;
#endif
    host.crc = 0;
    host.len = 0;
    if (!load(image, size) || !run_to_end(image, size)) {
        test::fail_at(__FILE__, __LINE__, p.name);
        return;
    }
    bool same = host.len == p.out_len && host.crc == p.out_crc && vm.exit_code() == p.status;
    print("  %-24s %-13s arena %5u, image %5u, memory %5u: %s\r\n", p.name, how, unsigned(peak),
          unsigned(size), unsigned(p.memory), same ? "same as gcc" : "DIFFERS");
    if (!same) {
        print("    got %u bytes (crc %x) status %d; gcc printed %u bytes (crc %x) status %d\r\n",
              unsigned(host.len), unsigned(host.crc), vm.exit_code(), unsigned(p.out_len),
              unsigned(p.out_crc), int(p.status));
        if (vm.state().run_state == ccbpf::RunState::Trapped)
            print("    trap: %s\r\n", vm.trap_message());
        test::fail_at(__FILE__, __LINE__, p.name);
    }
    if (p.hand_over != nullptr) resume_hand_over(p, image, size);
}

// Each program compiles and runs on a fresh worker task, so that its stack high-water
// mark is that program's alone; the runner reports and checks.
Task runner, worker;
Stack<640> runner_stack;  // prints and waits
volatile bool worker_done;
uint32_t largest_stack;

void worker_main(void* arg) {
    run_program(*static_cast<const CorpusProgram*>(arg));
    worker_done = true;
    for (;;) delay(1000);  // until the runner has read its stack mark and deletes it
}

void runner_main(void*) {
    for (const CorpusProgram& p : kCorpus) {
        worker_done = false;
        task_create(worker, "ccbpf", worker_main, const_cast<CorpusProgram*>(&p), 2, worker_stack);
        while (!worker_done) delay(1);
        TaskStats st;
        task_get_stats(worker, st);
        task_delete(&worker);
        print("    stack %u\r\n", unsigned(st.stack_high_water));  // compiling and running it
        if (st.stack_high_water > largest_stack) largest_stack = st.stack_high_water;
    }
    for (const LeftOut* l = kLeftOut; l->name; l++) print("  %s left out: %s\r\n", l->name, l->why);
    print("ccbpf on %s: %u programs, %u compiled here, %u from host images\r\n", TERN_TARGET_BOARD,
          unsigned(sizeof kCorpus / sizeof kCorpus[0]), unsigned(compiled_here),
          unsigned(from_host_image));
    print("largest arena peak %u, largest task stack %u of %u, VM %u bytes\r\n",
          unsigned(largest_peak), unsigned(largest_stack), unsigned(worker_stack.size()),
          unsigned(sizeof(ccbpf::Vm)));
    print("%u programs resumed here from the host's snapshots\r\n", unsigned(handed_over));
    CHECK(handed_over > 0);
#if CCBPF_TARGET_MIN_COMPILED > 0
    // A floor, not a count to match: more programs compiling here is fine, fewer is not.
    CHECK(compiled_here >= CCBPF_TARGET_MIN_COMPILED);
#endif
#if CCBPF_TARGET_SNAPSHOT
    print("snapshots: %u taken and restored, largest %u bytes\r\n", unsigned(snapshots_taken),
          unsigned(largest_snapshot));
    CHECK(snapshots_taken > 0);
#endif
    test::finish();
}

}  // namespace

int main() {
    test::test_name = "ccbpf_target";
    task_create(runner, "runner", runner_main, nullptr, 3, runner_stack);
    start();
}
