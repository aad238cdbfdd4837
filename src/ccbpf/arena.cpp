#include "tern/ccbpf/arena.hpp"

#include <string.h>

namespace tern::ccbpf {

// 4-byte alignment is enough: nothing the compiler stores is wider than 32 bits
// except pointers, which are at most 8 bytes and only need 4 on the targets... so use 8.
static constexpr size_t kAlign = sizeof(void*);

void* Arena::alloc(size_t n) {
    size_t start = (bottom_ + kAlign - 1) & ~(kAlign - 1);
    if (start > top_ || top_ - start < n) return nullptr;
    bottom_ = start + n;
    note_peak();
    memset(base_ + start, 0, n);
    return base_ + start;
}

void* Arena::alloc_top(size_t n) {
    n = (n + kAlign - 1) & ~(kAlign - 1);
    size_t end = top_ & ~(kAlign - 1);
    if (end < n || end - n < bottom_) return nullptr;
    top_ = end - n;
    note_peak();
    memset(base_ + top_, 0, n);
    return base_ + top_;
}

}  // namespace tern::ccbpf
