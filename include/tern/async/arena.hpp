// Coroutine frames come from one static arena (config::arena_bytes), never from a heap.
// Every coroutine type's promise derives from FramePromise: its operator new is noexcept
// and returns null when the frame does not fit, and because the promise also declares
// get_return_object_on_allocation_failure, GCC checks for null instead of calling a
// throwing ::operator new. The caller then holds an empty coroutine object, which
// run_tasks (for Tasks) or the first poll (for a Co) reports with detail::fatal.
#pragma once
#include <stddef.h>

namespace tern::async {

namespace arena {
// First fit over an address-ordered free list that merges neighbours on free: frames of
// child coroutines come and go in any order (select, join), so a bump pointer would leak.
void* alloc(size_t bytes);
void free(void* p, size_t bytes);
size_t used();  // bytes in live frames now (rounded to the arena's grain)
}  // namespace arena

struct FramePromise {
    static void* operator new(size_t bytes) noexcept { return arena::alloc(bytes); }
    static void operator delete(void* p, size_t bytes) noexcept { arena::free(p, bytes); }
    // Unreachable with -fno-exceptions; with exceptions on (host), nothing throws.
    void unhandled_exception() noexcept;
};

}  // namespace tern::async
