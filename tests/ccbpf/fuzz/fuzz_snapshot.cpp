// libFuzzer target: arbitrary bytes as a snapshot of a fixed program. The CRC and image
// hash are forced valid so that every other field is exercised; a snapshot that restore
// accepts is then run, and must run memory-safely.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "fuzz_host.hpp"
#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/image.hpp"

using namespace tern::ccbpf;

static const char kProgram[] = R"(
struct node { int v; struct node *next; };
struct node pool[8];
int depth(struct node *n, int k) { int local[4]; local[k & 3] = k; return n ? 1 + depth(n->next, k + 1) + local[k & 3] : 0; }
int main(void) {
    for (int i = 0; i < 7; i++) pool[i].next = &pool[i + 1];
    int total = 0;
    for (int r = 0; r < 50; r++) { total += depth(&pool[r % 8], r); if (r % 10 == 0) sleep_ms(1); }
    printf("%d\n", total);
    return 0;
}
)";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static uint32_t image[64 * 1024 / 4];
    static size_t image_size = 0;
    static uint64_t hash = 0;
    if (!image_size) {
        static uint64_t arena[16 * 1024 / 8];
        CompileResult r = compile("snap.c", kProgram, sizeof kProgram - 1, arena, sizeof arena,
                                  reinterpret_cast<uint8_t*>(image), sizeof image);
        if (!r.ok) abort();
        image_size = r.image_size;
        hash = rd64(reinterpret_cast<uint8_t*>(image) + 48);
    }
    if (size < 76) return 0;
    std::vector<uint8_t> snap(data, data + size);
    wr32(snap.data(), 0x53424343u);
    wr16(snap.data() + 4, 1);
    wr16(snap.data() + 6, 72);
    wr64(snap.data() + 8, hash);
    wr32(snap.data() + 68, 0);
    wr32(snap.data() + size - 4, crc32(snap.data(), size - 4));
    char why[160];
    bool restored = false;
    fuzz_run_image(reinterpret_cast<uint8_t*>(image), image_size, why, sizeof why, snap.data(),
                   size, &restored);
    return 0;
}
