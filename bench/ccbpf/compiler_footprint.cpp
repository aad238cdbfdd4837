// The compiler's footprint image: compiles the 310-line tests/ccbpf/frozen/program300.c on
// the device, in a task, and nothing else of ccBPF is linked (no VM), so the ccBPF share of
// this image's map is the compiler's flash and static RAM (tools/bench/run-bench reads it
// as ccbpf_compiler_text_bytes / ccbpf_compiler_ram_bytes). It prints the two RAM figures
// the map cannot show: the arena peak and the native stack the compilation needed.
#include "corpus.hpp"
#include "tern/ccbpf/compiler.hpp"
#include "tern/kernel.hpp"
#include "tern/task.hpp"

using namespace tern;

namespace {
#include "corpus.inc"  // generated: kCorpus (program300.c's source)

alignas(8) uint8_t arena[8192];
alignas(8) uint8_t image[24576];  // code and data meet in the middle while compiling
Task compiler;
Stack<8192> compiler_stack;

void compiler_main(void*) {
    const CorpusProgram& p = kCorpus[0];
    ccbpf::CompileOptions options;
    options.stack_bottom = compiler_stack.data();
    ccbpf::CompileResult r = ccbpf::compile(p.name, p.source, p.source_len, arena, sizeof arena,
                                            image, sizeof image, options);
    TaskStats stats;
    task_get_stats(compiler, stats);
    if (!r.ok || r.image_size != p.image_size) {
        print("compile failed: %s\r\n", r.ok ? "image size differs from the host's" : r.message);
        port::exit(1);
    }
    print("FIGURE ccbpf_compiler_arena_peak_bytes %u\r\n", unsigned(r.arena_peak));
    print("FIGURE ccbpf_compiler_stack_bytes %u\r\n", unsigned(stats.stack_high_water));
    port::exit(0);
}
}  // namespace

int main() {
    task_create(compiler, "compiler", compiler_main, nullptr, 2, compiler_stack);
    start();
}
