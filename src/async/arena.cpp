// The frame arena: first fit over an address-ordered free list, merging neighbours on free.
// Frames are allocated from the executor's task (and from main() before run_tasks), never
// from interrupts, so no masking is needed.
#include "tern/async/arena.hpp"

#include <stdint.h>

#include "tern/async/config.hpp"
#include "tern/async/op.hpp"

// Under AddressSanitizer (host tests) a freed frame is poisoned, so a wait node left linked
// after its coroutine was destroyed is caught the moment anything touches it.
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define TERN_ARENA_POISON(p, n) __asan_poison_memory_region((p), (n))
#define TERN_ARENA_UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define TERN_ARENA_POISON(p, n) ((void)(p), (void)(n))
#define TERN_ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

// extern "C" so a map file names it plainly: frames are the application's RAM, like stacks.
extern "C" {
alignas(2 *
        sizeof(void*)) unsigned char tern_async_arena[tern::async::config::arena_bytes /
                                                      (2 * sizeof(void*)) * (2 * sizeof(void*))];
}

namespace tern::async {

namespace {
// A free block is at least one grain, so its header always fits; frames are aligned to it.
constexpr size_t grain = 2 * sizeof(void*);
struct FreeBlock {
    FreeBlock* next;
    size_t size;
};
// The list ends at the arena's end rather than at null, so null can mean "not set up yet"
// without a separate flag (4 bytes of RAM count in a 40-byte budget), and a full arena
// (list == end) is not mistaken for a fresh one.
FreeBlock* free_list;

FreeBlock* list_end() {
    return reinterpret_cast<FreeBlock*>(tern_async_arena + sizeof tern_async_arena);
}
size_t round_up(size_t n) {
    return (n + grain - 1) & ~(grain - 1);
}
unsigned char* end_of(FreeBlock* f) {
    return reinterpret_cast<unsigned char*>(f) + f->size;
}
}  // namespace

void* arena::alloc(size_t bytes) {
    if (free_list == nullptr) {  // first use: one free block spanning the arena
        free_list = reinterpret_cast<FreeBlock*>(tern_async_arena);
        free_list->next = list_end();
        free_list->size = sizeof tern_async_arena;
    }
    size_t n = round_up(bytes);
    for (FreeBlock** link = &free_list; *link != list_end(); link = &(*link)->next) {
        FreeBlock* b = *link;
        if (b->size < n) continue;
        if (b->size == n) {
            *link = b->next;
        } else {
            auto* rest = reinterpret_cast<FreeBlock*>(reinterpret_cast<unsigned char*>(b) + n);
            TERN_ARENA_UNPOISON(rest, sizeof(FreeBlock));
            rest->next = b->next;
            rest->size = b->size - n;
            *link = rest;
        }
        TERN_ARENA_UNPOISON(b, n);
        return b;
    }
    return nullptr;
}

void arena::free(void* p, size_t bytes) {
    size_t n = round_up(bytes);
    auto* b = static_cast<FreeBlock*>(p);
    FreeBlock* prev = nullptr;
    FreeBlock** link = &free_list;
    while (*link != list_end() && *link < b) {
        prev = *link;
        link = &(*link)->next;
    }
    TERN_ARENA_POISON(reinterpret_cast<unsigned char*>(b) + sizeof(FreeBlock),
                      n - sizeof(FreeBlock));
    b->next = *link;
    b->size = n;
    *link = b;
    if (b->next != list_end() && end_of(b) == reinterpret_cast<unsigned char*>(b->next)) {
        b->size += b->next->size;
        b->next = b->next->next;
    }
    if (prev != nullptr && end_of(prev) == reinterpret_cast<unsigned char*>(b)) {
        prev->size += b->size;
        prev->next = b->next;
    }
}

// Walks the free list instead of keeping a counter: only tests and sizing ask.
size_t arena::used() {
    if (free_list == nullptr) return 0;
    size_t free_bytes = 0;
    for (FreeBlock* f = free_list; f != list_end(); f = f->next) free_bytes += f->size;
    return sizeof tern_async_arena - free_bytes;
}

void FramePromise::unhandled_exception() noexcept {
    detail::fatal("unhandled exception in coroutine #", 0);
}

}  // namespace tern::async
