// Memory commands: mem. A group of its own because it links the kernel heap (and its
// arena): an image without a heap registers the other groups and goes without.
#include "builtins.hpp"
#include "tern/memory.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

namespace {

int cmd_mem(int argc, char**) {
    if (argc != 1) return 1;
    HeapStats h;
    heap_stats(h);
    puts("HEAP        TOTAL     USED     FREE  LARGEST   ALLOCS    FREES\r\n");
    printf("kernel   %8u %8u %8u %8u %8u %8u\r\n", static_cast<unsigned>(h.total),
           static_cast<unsigned>(h.used), static_cast<unsigned>(h.free),
           static_cast<unsigned>(h.largest_free), static_cast<unsigned>(h.alloc_count),
           static_cast<unsigned>(h.free_count));
    return 0;
}

const Command commands[] = {
    {"mem", cmd_mem, "mem", "Heap statistics (total / used / free, alloc/free counts)", nullptr},
};

}  // namespace

CommandGroup memory_group{commands, 1};

void register_memory_commands() {
    register_commands(memory_group);
}

}  // namespace tern::shell
