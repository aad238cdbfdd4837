// First-fit heap with immediate coalescing over a static arena.
//
// Every block starts with an 8-byte header {size, tag}: size counts the header and is a
// multiple of 8; the tag is a magic number mixed with the size, different for used and
// free blocks, so a stray or repeated free is recognised and refused. Free blocks keep
// the offset of the next free block (address order) in their first payload word, so a
// freed block finds its neighbours and merges with them at once.
#include "sched.hpp"
#include "tern/config_services.hpp"
#include "tern/memory.hpp"

namespace tern {

using namespace kernel;

namespace {
constexpr uint32_t magic_used = 0xA110C8EDu;
constexpr uint32_t magic_free = 0xF4EEB10Cu;
constexpr uint32_t min_block = Heap::header + Heap::align;
}  // namespace

struct Heap::Block {
    uint32_t size;
    uint32_t tag;
    uint32_t next;  // free blocks only: offset of the next free block, or the arena size
    bool used() const { return tag == (magic_used ^ size); }
    bool is_free() const { return tag == (magic_free ^ size); }
    void mark_used(uint32_t s) {
        size = s;
        tag = magic_used ^ s;
    }
    void mark_free(uint32_t s) {
        size = s;
        tag = magic_free ^ s;
    }
};

Heap::Block* Heap::at(uint32_t o) const { return reinterpret_cast<Block*>(base_ + o); }
uint32_t Heap::off(const Block* b) const {
    return static_cast<uint32_t>(reinterpret_cast<const uint8_t*>(b) - base_);
}

void Heap::init(void* arena, uint32_t bytes) {
    uintptr_t lo = (reinterpret_cast<uintptr_t>(arena) + align - 1) & ~uintptr_t{align - 1};
    uintptr_t hi = (reinterpret_cast<uintptr_t>(arena) + bytes) & ~uintptr_t{align - 1};
    base_ = reinterpret_cast<uint8_t*>(lo);
    size_ = hi > lo + min_block ? static_cast<uint32_t>(hi - lo) : 0;
    used_ = allocs_ = frees_ = 0;
    free_head_ = size_;
    if (size_ != 0) {
        Block* b = at(0);
        b->mark_free(size_);
        b->next = size_;
        free_head_ = 0;
    }
}

void* Heap::alloc(size_t n) {
    if (n == 0 || n > size_) return nullptr;
    uint32_t need = static_cast<uint32_t>((n + align - 1) & ~size_t{align - 1}) + header;
    uint32_t* link = &free_head_;
    while (*link != size_) {
        Block* b = at(*link);
        if (b->size >= need) {
            uint32_t rest = b->size - need;
            if (rest >= min_block) {  // split: the tail stays free, in b's place in the list
                Block* tail = at(*link + need);
                tail->mark_free(rest);
                tail->next = b->next;
                *link = *link + need;
            } else {
                need = b->size;
                *link = b->next;
            }
            b->mark_used(need);
            used_ += need;
            ++allocs_;
            return reinterpret_cast<uint8_t*>(b) + header;
        }
        link = &b->next;
    }
    return nullptr;
}

// The block whose payload is p, when p is exactly that of a live block; else null.
// Walks the block chain, so a pointer into the middle of a block is never mistaken
// for a header.
Heap::Block* Heap::validate(const void* p) const {
    const uint8_t* q = static_cast<const uint8_t*>(p);
    if (q < base_ + header || q >= base_ + size_) return nullptr;
    uint32_t target = static_cast<uint32_t>(q - base_) - header;
    if (target % align != 0) return nullptr;
    uint32_t o = 0;
    while (o < target) {
        const Block* b = at(o);
        if (b->size < min_block || b->size % align != 0 || b->size > size_ - o) return nullptr;
        o += b->size;
    }
    Block* b = at(target);
    return o == target && b->used() && b->size <= size_ - target ? b : nullptr;
}

Result Heap::free(void* p) {
    if (p == nullptr) return Result::ok;
    Block* b = validate(p);
    if (b == nullptr) return Result::invalid;
    uint32_t bo = off(b);
    uint32_t size = b->size;
    used_ -= size;
    ++frees_;
    // Find the free neighbours in address order.
    uint32_t prev = size_;
    uint32_t next = free_head_;
    while (next != size_ && next < bo) {
        prev = next;
        next = at(next)->next;
    }
    b->mark_free(size);
    b->next = next;
    if (next != size_ && bo + b->size == next) {  // merge with the following block
        Block* n = at(next);
        b->mark_free(b->size + n->size);
        b->next = n->next;
        n->tag = 0;
    }
    if (prev != size_ && prev + at(prev)->size == bo) {  // merge into the preceding block
        Block* pb = at(prev);
        pb->mark_free(pb->size + b->size);
        pb->next = b->next;
        b->tag = 0;
    } else if (prev != size_) {
        at(prev)->next = bo;
    } else {
        free_head_ = bo;
    }
    return Result::ok;
}

size_t Heap::block_size(const void* p) const {
    const Block* b = validate(p);
    return b != nullptr ? b->size - header : 0;
}

void Heap::stats(HeapStats& out) const {
    out.total = size_;
    out.used = used_;
    out.free = size_ - used_;
    out.alloc_count = allocs_;
    out.free_count = frees_;
    uint32_t largest = 0, blocks = 0;
    for (uint32_t o = free_head_; o != size_ && blocks <= size_ / min_block; o = at(o)->next) {
        if (at(o)->size > largest) largest = at(o)->size;
        ++blocks;
    }
    out.largest_free = largest > header ? largest - header : 0;
    out.free_blocks = blocks;
}

bool Heap::check() const {
    if (size_ == 0) return free_head_ == 0 && used_ == 0;
    uint32_t o = 0, used = 0, free_blocks = 0;
    bool prev_free = false;
    while (o < size_) {
        const Block* b = at(o);
        if (b->size < min_block || b->size % align != 0 || b->size > size_ - o) return false;
        if (b->used()) {
            used += b->size;
            prev_free = false;
        } else if (b->is_free()) {
            if (prev_free) return false;  // two free neighbours: coalescing missed
            ++free_blocks;
            prev_free = true;
        } else {
            return false;  // a corrupt header
        }
        o += b->size;
    }
    if (o != size_ || used != used_) return false;
    // The free list: ascending, every entry a free block, all of them and nothing else.
    uint32_t listed = 0, last = 0;
    for (uint32_t f = free_head_; f != size_; f = at(f)->next) {
        if (f >= size_ || f % align != 0 || listed > free_blocks) return false;
        if (listed != 0 && f <= last) return false;
        if (!at(f)->is_free()) return false;
        last = f;
        ++listed;
    }
    return listed == free_blocks;
}

// ---- the kernel heap -------------------------------------------------------------------

namespace {
alignas(8) uint8_t arena[config::heap_bytes];
Heap kernel_heap;
bool heap_ready = false;

Heap& heap() {
    if (!heap_ready) {
        kernel_heap.init(arena, sizeof arena);
        heap_ready = true;
    }
    return kernel_heap;
}
}  // namespace

void* heap_alloc(size_t n) {
    if (port::in_isr()) return nullptr;
    CriticalSection cs;
    return heap().alloc(n);
}

Result heap_free(void* p) {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    return heap().free(p);
}

void heap_stats(HeapStats& out) {
    CriticalSection cs;
    heap().stats(out);
}

bool heap_check() {
    CriticalSection cs;
    return heap().check();
}

}  // namespace tern
