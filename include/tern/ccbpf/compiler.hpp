// The ccBPF compiler: C subset source in, image bytes out. Runs on the microcontroller:
// no heap, no exceptions; all working memory comes from the caller's arena.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tern::ccbpf {

struct CompileOptions {
    uint32_t stack_size = 8 * 1024;  // bytes of VM stack the image asks for
    // The lowest address of the native stack compile() runs on (a task's stack base). The
    // parser recurses with the program's nesting; with this set, nesting deeper than the
    // stack allows is a compile error ("out of compiler stack") instead of an overflow.
    // Null: only the fixed nesting limits apply.
    const void* stack_bottom = nullptr;
};

struct CompileResult {
    bool ok;
    size_t image_size;   // bytes written to `out`
    size_t arena_peak;   // most arena bytes in use at once
    uint32_t line, col;  // where the first error is (0 when ok)
    char message[192];   // "file:line:col: error: ..." when !ok
};

CompileResult compile(const char* filename, const char* source, size_t source_len, void* arena,
                      size_t arena_size, uint8_t* out, size_t out_cap,
                      const CompileOptions& options = CompileOptions());

}  // namespace tern::ccbpf
