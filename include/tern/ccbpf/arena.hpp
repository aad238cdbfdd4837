// A two-ended bump allocator over a caller-given buffer: the compiler's only memory.
// The bottom end holds what lives until the end of compilation (types, globals,
// functions, macros); the top end holds what dies with a scope (locals, loop copies).
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tern::ccbpf {

class Arena {
  public:
    Arena(void* buffer, size_t size)
        : base_(static_cast<uint8_t*>(buffer)), size_(size), bottom_(0), top_(size) {}

    // Both return nullptr when the arena is exhausted; memory is zeroed.
    void* alloc(size_t n);
    void* alloc_top(size_t n);

    size_t top_mark() const { return top_; }
    void top_release(size_t mark) { top_ = mark; }
    size_t used() const { return bottom_ + (size_ - top_); }
    size_t peak() const { return peak_; }

  private:
    void note_peak() {
        if (used() > peak_) peak_ = used();
    }
    uint8_t* base_;
    size_t size_;
    size_t bottom_;
    size_t top_;
    size_t peak_ = 0;
};

}  // namespace tern::ccbpf
