// libFuzzer target: arbitrary bytes as a program. The compiler must return (never crash,
// hang or overrun its arena), and every image it produces must pass the verifier and run
// memory-safely.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_host.hpp"
#include "tern/ccbpf/compiler.hpp"

using namespace tern::ccbpf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static uint64_t arena[16 * 1024 / 8];
    static uint32_t out[256 * 1024 / 4];
    CompileResult r = compile("fuzz.c", reinterpret_cast<const char*>(data), size, arena,
                              sizeof arena, reinterpret_cast<uint8_t*>(out), sizeof out);
    if (!r.ok) {
        if (!strstr(r.message, ": error: ")) abort();  // every failure is a located diagnostic
        return 0;
    }
    char why[160];
    if (!fuzz_run_image(reinterpret_cast<uint8_t*>(out), r.image_size, why, sizeof why)) {
        fprintf(stderr, "compiler output rejected: %s\n", why);
        abort();
    }
    return 0;
}
