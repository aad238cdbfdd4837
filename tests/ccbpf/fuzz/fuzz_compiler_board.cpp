// libFuzzer target: the compiler as a board runs it: on a stack of the board's size (the
// program runtime's compiler task, PROGRAMS_COMPILER_STACK_BYTES, scaled by the pointer
// size) with that stack's bottom as its bound. The stack is mapped with an inaccessible
// page below it, so a compiler that went past its bound faults here instead of silently
// overwriting memory, as it did on the boards (issue 21 item 1). Built without ASan, whose
// red zones would make the frames larger than the compiler's margin is sized for.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tern/ccbpf/compiler.hpp"
#include "tern/programs.hpp"

using namespace tern::ccbpf;

namespace {

constexpr size_t kStackBytes = PROGRAMS_COMPILER_STACK_BYTES * (sizeof(void*) / 4);

struct Job {
    const uint8_t* data;
    size_t size;
    const void* stack_bottom;
    CompileResult result;
};

void* compile_job(void* p) {
    Job* job = static_cast<Job*>(p);
    static uint64_t arena[16 * 1024 / 8];
    static uint32_t out[64 * 1024 / 4];
    CompileOptions options;
    options.stack_bottom = job->stack_bottom;
    job->result = compile("fuzz.c", reinterpret_cast<const char*>(job->data), job->size, arena,
                          sizeof arena, reinterpret_cast<uint8_t*>(out), sizeof out, options);
    return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static size_t page = size_t(sysconf(_SC_PAGESIZE));
    static uint8_t* region = [] {
        size_t bytes = page + ((kStackBytes + page - 1) / page) * page;
        void* m = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) abort();
        mprotect(m, page, PROT_NONE);  // the guard below the stack
        return static_cast<uint8_t*>(m);
    }();
    uint8_t* stack = region + page;
    Job job{data, size, stack, {}};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, stack, (kStackBytes + page - 1) / page * page);
    pthread_t t;
    if (pthread_create(&t, &attr, compile_job, &job) != 0) abort();
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
    if (!job.result.ok && !strstr(job.result.message, ": error: ")) abort();
    return 0;
}
