// Host-side helpers shared by the ccbpf tool, the tests and the benchmark: loading source or
// image files, compiling with generous buffers, and a stdout-backed Host.
#pragma once
#include <stdint.h>

#include <string>
#include <vector>

#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/host.hpp"

namespace tern::ccbpf::hosttool {

bool read_file(const std::string& path, std::string* out);
bool write_file(const std::string& path, const uint8_t* data, size_t size);

// 4-byte aligned storage for image and snapshot bytes.
struct Bytes {
    std::vector<uint32_t> words;
    size_t size = 0;
    uint8_t* data() { return reinterpret_cast<uint8_t*>(words.data()); }
    const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(words.data()); }
    void resize(size_t n) {
        words.assign((n + 3) / 4 + 1, 0);
        size = n;
    }
};

bool is_image(const std::string& bytes);

// Compiles `source`; on failure `error` holds the compiler's message.
bool compile_source(const std::string& filename, const std::string& source, uint32_t stack_size,
                    Bytes* image, std::string* error, size_t* arena_peak = nullptr);

// Reads FILE: an image as is, or C source compiled on the fly.
bool load_program(const std::string& path, uint32_t stack_size, Bytes* image, std::string* error);

class StdoutHost : public Host {
  public:
    explicit StdoutHost(std::string node_name = "host", uint32_t node_id = 0)
        : name_(std::move(node_name)), id_(node_id) {}
    void write(const char* bytes, size_t n) override;
    uint32_t now_ms() override;
    uint32_t node_id() override { return id_; }
    const char* node_name() override { return name_.c_str(); }
    std::string captured;  // when capture is on, output goes here instead of stdout
    bool capture = false;

  private:
    std::string name_;
    uint32_t id_;
};

}  // namespace tern::ccbpf::hosttool
