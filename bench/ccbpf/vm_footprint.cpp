// The VM's footprint image: loads a host-compiled image of tests/ccbpf/frozen/program300.c
// (kept in flash and run in place), runs it to the end in slices with a snapshot, a fresh
// load and a restore after each, and links nothing of the compiler. The ccBPF share of
// the map is the VM, verifier, image loader and snapshots (ccbpf_vm_text_bytes /
// ccbpf_vm_ram_bytes). The program's memory is the embedder's and counts apart.
#include "corpus.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/vm.hpp"
#include "tern/kernel.hpp"
#include "tern/task.hpp"

using namespace tern;

namespace tern::ccbpf::footprint {
// Declared inside tern::ccbpf so that tools/bench/mapsize.py counts this object with the
// VM: a VM's RAM is its registers and return stack (this) plus the program's memory.
Vm vm;
}  // namespace tern::ccbpf::footprint

namespace {
#include "corpus.inc"  // generated: kCorpus (program300's host-compiled image)

alignas(8) uint8_t program_memory[16384];
alignas(8) uint8_t snapshot[20480];
char why[128];

class CountingHost final : public ccbpf::Host {
  public:
    void write(const char*, size_t n) override { bytes += n; }
    uint32_t now_ms() override { return ticks_to_ms(now()); }
    uint32_t node_id() override { return 0; }
    const char* node_name() override { return "host"; }
    size_t bytes = 0;
};
CountingHost host;
Task runner;
Stack<2048> runner_stack;

void fail(const char* what) {
    print("vm footprint: %s: %s\r\n", what, why);
    port::exit(1);
}

void runner_main(void*) {
    const CorpusProgram& p = kCorpus[0];
    ccbpf::Vm& vm = ccbpf::footprint::vm;
    if (!vm.load(p.image, p.image_size, program_memory, sizeof program_memory, &host, why,
                 sizeof why))
        fail("load");
    for (;;) {
        ccbpf::Status st = vm.run(10000);
        if (st == ccbpf::Status::Halted || st == ccbpf::Status::Trapped) break;
        size_t n = ccbpf::snapshot_save(vm, snapshot, sizeof snapshot);
        if (n == 0) fail("snapshot");
        if (!vm.load(p.image, p.image_size, program_memory, sizeof program_memory, &host, why,
                     sizeof why))
            fail("reload");
        if (!ccbpf::snapshot_restore(vm, snapshot, n, why, sizeof why)) fail("restore");
    }
    if (host.bytes != p.out_len || vm.exit_code() != p.status) fail("output differs from gcc's");
    TaskStats stats;
    task_get_stats(runner, stats);
    print("FIGURE ccbpf_vm_stack_bytes %u\r\n", unsigned(stats.stack_high_water));
    port::exit(0);
}
}  // namespace

int main() {
    task_create(runner, "vm", runner_main, nullptr, 2, runner_stack);
    start();
}
