// libFuzzer target: arbitrary bytes as a file given to the host tool's readers: `run`
// (load + a bounded run), `disasm` and `inspect` for an image, `inspect` and `resume` for
// a snapshot. Each input is tried as it is and resealed (CRC and content hash made valid),
// so the fuzzer reaches both the framing checks and the tables behind them. Whatever the
// validation accepts is printed in full (to /dev/null) and must be memory-safe; and the
// tool paths must agree: an image disasm/inspect accept, run accepts too, and the reverse.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "fuzz_host.hpp"
#include "report.hpp"
#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/snapshot.hpp"

using namespace tern::ccbpf;
using namespace tern::ccbpf::hosttool;

namespace {

FILE* sink() {
    static FILE* f = fopen("/dev/null", "w");
    return f;
}

// One image every snapshot is tried against (resume): a program with calls and globals.
const std::vector<uint32_t>& sample_image(size_t* size) {
    static std::vector<uint32_t> img(64 * 1024 / 4);
    static size_t n = 0;
    if (n == 0) {
        static const char src[] =
            "int g[4];\nint f(int x) { g[x & 3] += x; return x > 0 ? f(x - 1) + 1 : 0; }\n"
            "int main(void) { int i; for (i = 0; i < 50; i++) f(i % 7); return g[1]; }\n";
        static uint64_t arena[16 * 1024 / 8];
        CompileResult r = compile("s.c", src, sizeof src - 1, arena, sizeof arena,
                                  reinterpret_cast<uint8_t*>(img.data()), img.size() * 4);
        if (!r.ok) abort();
        n = r.image_size;
    }
    *size = n;
    return img;
}

void try_image(const uint8_t* img, size_t size) {
    char why[160], why_run[160];
    ImageView v;
    bool valid = validate_image(img, size, &v, why, sizeof why);
    if (valid) {
        print_disasm(v, sink());
        print_image_info(v, sink());
    }
    bool ran = fuzz_run_image(img, size, why_run, sizeof why_run);
    // fuzz_run_image refuses huge memories before loading: only compare when it tried.
    if (ran != valid && strcmp(why_run, "memory too large for the fuzzer") != 0) {
        fprintf(stderr, "tool paths disagree: validate %d (%s), run %d (%s)\n", valid,
                valid ? "" : why, ran, ran ? "" : why_run);
        abort();
    }
}

void try_snapshot(const uint8_t* snap, size_t size) {
    bool framed = print_snapshot(snap, size, sink(), sink()) == 0;
    size_t image_size;
    const std::vector<uint32_t>& img = sample_image(&image_size);
    char why[160];
    bool restored = false;
    fuzz_run_image(reinterpret_cast<const uint8_t*>(img.data()), image_size, why, sizeof why,
                   snap, size, &restored);
    if (restored && !framed) {  // resume accepted what inspect refused
        fprintf(stderr, "resume accepted a snapshot whose framing inspect refuses\n");
        abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<uint32_t> buf(size / 4 + 2);
    uint8_t* b = reinterpret_cast<uint8_t*>(buf.data());
    memcpy(b, data, size);
    if (size >= 4 && memcmp(data, "CCBS", 4) == 0) {
        try_snapshot(b, size);
        if (size >= kSnapshotHeaderSize + 4) {
            wr32(b + size - 4, crc32(b, size - 4));
            try_snapshot(b, size);
        }
        return 0;
    }
    try_image(b, size);
    if (size >= kImageHeaderSize) {
        wr32(b, kImageMagic);
        wr16(b + 4, kImageVersion);
        wr16(b + 6, kImageHeaderSize);
        wr32(b + 8, 0);
        wr32(b + 44, 0);
        wr32(b + 60, 0);
        wr64(b + 48, image_content_hash(b, size));
        wr32(b + 56, image_crc(b, size));
        try_image(b, size);
    }
    return 0;
}
