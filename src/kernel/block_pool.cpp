// Fixed-block pools: a free list threaded through the free blocks, O(1) both ways.
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
    available_ = count;
    free_ = nullptr;
    for (uint32_t i = count; i-- > 0;) {
        Node* n = reinterpret_cast<Node*>(base_ + i * block_size_);
        n->next = free_;
        free_ = n;
    }
    return Result::ok;
}

void* BlockPool::alloc() {
    CriticalSection cs;
    Node* n = free_;
    if (n != nullptr) {
        free_ = n->next;
        --available_;
    }
    return n;
}

Result BlockPool::free(void* p) {
    uintptr_t o = reinterpret_cast<uintptr_t>(p) - reinterpret_cast<uintptr_t>(base_);
    if (p == nullptr || o >= uintptr_t{block_size_} * count_ || o % block_size_ != 0) {
        return Result::invalid;
    }
    CriticalSection cs;
    if (available_ == count_) return Result::invalid;  // more frees than allocations
    Node* n = static_cast<Node*>(p);
    n->next = free_;
    free_ = n;
    ++available_;
    return Result::ok;
}

}  // namespace tern
