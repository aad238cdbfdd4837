// Fixed-block pools: a free list threaded through the free blocks, O(1) both ways.
#include "hot.hpp"
#include "sched.hpp"
#include "tern/memory.hpp"

namespace tern {

using namespace kernel;

Result BlockPool::init(void* buffer, uint32_t block_size, uint32_t count) {
    if (buffer == nullptr || block_size == 0 || count == 0 ||
        reinterpret_cast<uintptr_t>(buffer) % alignof(Node) != 0 ||
        rounded(block_size) > 0xFFFFFFFFu / count) {
        return Result::invalid;
    }
    CriticalSection cs;
    base_ = static_cast<uint8_t*>(buffer);
    block_size_ = rounded(block_size);
    count_ = count;
    span_ = block_size_ * count;
    free_ = nullptr;
    for (uint32_t i = count; i-- > 0;) {
        Node* n = reinterpret_cast<Node*>(base_ + i * block_size_);
        n->next = free_;
        if (block_size_ >= sizeof(Node)) n->mark = mark();
        free_ = n;
    }
    return Result::ok;
}

// A free block carries the pool's mark in its second word. A block being freed that does
// not carry it cannot be on the free list, so the common free stays O(1); one that does
// (freed twice, or its data holds the mark by chance) is looked up on the free list, and
// only a block found there is refused. Pointer-sized blocks have no second word: their
// frees always look it up (O(free blocks), with interrupts masked).
bool BlockPool::is_free(const Node* n) const {
    for (const Node* i = free_; i != nullptr; i = i->next) {
        if (i == n) return true;
    }
    return false;
}

TERN_HOT Result BlockPool::free(void* p) {
    uintptr_t o = reinterpret_cast<uintptr_t>(p) - reinterpret_cast<uintptr_t>(base_);
    if (o >= span_ || o % block_size_ != 0) return Result::invalid;  // null too: far below base_
    Node* n = static_cast<Node*>(p);
    bool marked = block_size_ < sizeof(Node) || n->mark == mark();
    port::IrqState s = port::irq_save();
    if (marked && is_free(n)) {
        port::irq_restore(s);
        return Result::invalid;  // already free: the list stays as it was
    }
    n->next = free_;
    if (block_size_ >= sizeof(Node)) n->mark = mark();
    free_ = n;
    port::irq_restore(s);
    return Result::ok;
}

uint32_t BlockPool::available() const {
    CriticalSection cs;
    uint32_t n = 0;
    for (const Node* i = free_; i != nullptr && n <= count_; i = i->next) ++n;
    return n;
}

}  // namespace tern
