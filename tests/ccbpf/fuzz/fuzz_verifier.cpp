// libFuzzer target: arbitrary bytes as an image. The framing (magic, version, CRC, hash)
// is forced valid so that the fuzzer spends its time on what the verifier must judge; any
// image the verifier accepts is then executed, and must execute memory-safely.
#include <stdint.h>
#include <string.h>

#include <vector>

#include "fuzz_host.hpp"
#include "tern/ccbpf/image.hpp"

using namespace tern::ccbpf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < kImageHeaderSize) return 0;
    std::vector<uint32_t> buf((size + 3) / 4);
    uint8_t* img = reinterpret_cast<uint8_t*>(buf.data());
    memcpy(img, data, size);
    wr32(img, kImageMagic);
    wr16(img + 4, kImageVersion);
    wr16(img + 6, kImageHeaderSize);
    wr32(img + 8, 0);
    wr32(img + 44, 0);
    wr32(img + 60, 0);
    wr64(img + 48, image_content_hash(img, size));
    wr32(img + 56, image_crc(img, size));
    char why[160];
    fuzz_run_image(img, size, why, sizeof why);
    return 0;
}
