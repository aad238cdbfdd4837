#include "host_runtime.hpp"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf::hosttool {

bool read_file(const std::string& path, std::string* out) {
    FILE* f = fopen(path.c_str(), "rb");
    if (!f) return false;
    out->clear();
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
    fclose(f);
    return true;
}

bool write_file(const std::string& path, const uint8_t* data, size_t size) {
    FILE* f = fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

bool is_image(const std::string& bytes) {
    return bytes.size() >= 4 && memcmp(bytes.data(), "CCBF", 4) == 0;
}

bool compile_source(const std::string& filename, const std::string& source, uint32_t stack_size,
                    Bytes* image, std::string* error, size_t* arena_peak) {
    std::vector<uint64_t> arena(64 * 1024 / 8);
    Bytes out;
    out.resize(8u << 20);
    CompileOptions opt;
    opt.stack_size = stack_size;
    CompileResult r = compile(filename.c_str(), source.data(), source.size(), arena.data(),
                              arena.size() * 8, out.data(), out.size, opt);
    if (arena_peak) *arena_peak = r.arena_peak;
    if (!r.ok) {
        *error = r.message;
        return false;
    }
    image->resize(r.image_size);
    memcpy(image->data(), out.data(), r.image_size);
    return true;
}

bool load_program(const std::string& path, uint32_t stack_size, Bytes* image, std::string* error) {
    std::string bytes;
    if (!read_file(path, &bytes)) {
        *error = "cannot read " + path;
        return false;
    }
    if (is_image(bytes)) {
        image->resize(bytes.size());
        memcpy(image->data(), bytes.data(), bytes.size());
        return true;
    }
    return compile_source(path, bytes, stack_size, image, error);
}

void StdoutHost::write(const char* bytes, size_t n) {
    if (capture)
        captured.append(bytes, n);
    else
        fwrite(bytes, 1, n, stdout);
}

uint32_t StdoutHost::now_ms() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return uint32_t(uint64_t(ts.tv_sec) * 1000u + uint64_t(ts.tv_nsec) / 1000000u);
}

}  // namespace tern::ccbpf::hosttool
