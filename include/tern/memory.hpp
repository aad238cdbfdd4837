// Memory: a first-fit heap over a static arena (size config::heap_bytes, set at build
// time) and fixed-block pools. Failures return null and never corrupt anything.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "tern/port.hpp"
#include "tern/result.hpp"

namespace tern {

struct HeapStats {
    uint32_t total;          // arena bytes
    uint32_t used;           // bytes in allocated blocks (headers included)
    uint32_t free;           // bytes in free blocks (headers included)
    uint32_t largest_free;   // the largest request that would succeed now
    uint32_t alloc_count;    // successful allocations so far
    uint32_t free_count;     // successful frees so far
    uint32_t free_blocks;    // number of free blocks (fragmentation)
};

// The allocator itself, over any 8-byte-aligned arena; not locked (the kernel heap below
// wraps one in a critical section). First fit over an address-ordered free list; a freed
// block merges at once with free neighbours; every block is 8-byte aligned with an
// 8-byte header.
class Heap {
public:
    static constexpr uint32_t align = 8;
    static constexpr uint32_t header = 8;

    void init(void* arena, uint32_t bytes);
    void* alloc(size_t n);
    // ok (null is ok too); invalid for a pointer that is not a live block (nothing changes).
    Result free(void* p);
    void stats(HeapStats& out) const;
    // Walks every block and the free list; true when all invariants hold.
    bool check() const;
    // Usable size of a live block.
    size_t block_size(const void* p) const;

private:
    struct Block;
    Block* at(uint32_t off) const;
    uint32_t off(const Block* b) const;
    Block* validate(const void* p) const;
    uint8_t* base_ = nullptr;
    uint32_t size_ = 0;
    uint32_t free_head_ = 0;  // offset of the first free block; size_ = none
    uint32_t used_ = 0;
    uint32_t allocs_ = 0;
    uint32_t frees_ = 0;
};

// The kernel heap (tasks only; from an interrupt alloc returns null).
void* heap_alloc(size_t n);
Result heap_free(void* p);
void heap_stats(HeapStats& out);
bool heap_check();

// Fixed-size blocks, O(1) alloc and free (tasks and interrupts).
class BlockPool {
public:
    constexpr BlockPool() = default;
    // block_size is rounded up to the pointer size; buffer must hold count blocks of it
    // (use pool_bytes()). invalid on bad arguments.
    Result init(void* buffer, uint32_t block_size, uint32_t count);
    void* alloc() {
        port::IrqState s = port::irq_save();
        Node* n = free_;
        if (n != nullptr) free_ = n->next;
        port::irq_restore(s);
        return n;
    }
    // invalid, changing nothing, for a pointer outside the pool, not at a block start, or
    // to a block that is already free (a double free). O(1) unless the block's second
    // word holds the pool's free mark (or blocks are pointer-sized): then the free list is
    // searched to tell a double free from data that happens to look like the mark.
    Result free(void* p);
    // Free blocks now (walks the free list: for statistics, not hot paths).
    uint32_t available() const;
    uint32_t block_size() const { return block_size_; }
    uint32_t capacity() const { return count_; }
    static constexpr uint32_t rounded(uint32_t block_size) {
        return (block_size + sizeof(void*) - 1) / sizeof(void*) * sizeof(void*);
    }
    static constexpr uint32_t pool_bytes(uint32_t block_size, uint32_t count) {
        return rounded(block_size) * count;
    }

private:
    struct Node {
        Node* next;
        uintptr_t mark;  // only in blocks of two words or more
    };
    // The value a free block's second word holds: the pool's own address, inverted.
    uintptr_t mark() const { return ~reinterpret_cast<uintptr_t>(this); }
    bool is_free(const Node* n) const;
    Node* free_ = nullptr;
    uint8_t* base_ = nullptr;
    uint32_t span_ = 0;  // block_size_ * count_
    uint32_t block_size_ = 0;
    uint32_t count_ = 0;
};

}  // namespace tern
