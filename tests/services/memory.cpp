// The kernel heap and block pools on the target: alignment, stats, coalescing back to
// one block, refusal of bad frees, integrity; pool O(1) alloc/free, exhaustion, and
// pool use from an interrupt.
#include <string.h>

#include "check.hpp"
#include "tern/config_services.hpp"
#include "tern/memory.hpp"

using namespace tern;

namespace {
Task ctl;
Stack<1536> ctl_stack;
alignas(8) uint8_t pool_mem[BlockPool::pool_bytes(128, 6)];
BlockPool pool;
void* isr_block = nullptr;
void isr_alloc() { isr_block = pool.alloc(); }

void case_heap() {
    HeapStats st;
    heap_stats(st);
    CHECK_EQ(st.total, config::heap_bytes);
    CHECK_EQ(st.used, 0);
    CHECK_EQ(st.largest_free, config::heap_bytes - 8);
    void* p[16];
    for (int i = 0; i < 16; ++i) {
        p[i] = heap_alloc(static_cast<size_t>(1 + i * 13));
        CHECK(p[i] != nullptr);
        CHECK_EQ(reinterpret_cast<uintptr_t>(p[i]) % 8, 0);
        memset(p[i], 0xA5, static_cast<size_t>(1 + i * 13));
        CHECK(heap_check());
    }
    heap_stats(st);
    CHECK_EQ(st.alloc_count, 16);
    CHECK_EQ(st.used + st.free, st.total);
    // Free every other block, then the rest: all merges back into one block.
    for (int i = 0; i < 16; i += 2) CHECK(heap_free(p[i]) == Result::ok);
    CHECK(heap_check());
    heap_stats(st);
    CHECK(st.free_blocks > 1);
    CHECK(heap_free(p[0]) == Result::invalid);  // double free: refused, nothing changes
    CHECK(heap_free(static_cast<uint8_t*>(p[1]) + 8) == Result::invalid);  // inside a block
    int local = 0;
    CHECK(heap_free(&local) == Result::invalid);  // not from the heap
    CHECK(heap_check());
    for (int i = 1; i < 16; i += 2) CHECK(heap_free(p[i]) == Result::ok);
    heap_stats(st);
    CHECK_EQ(st.used, 0);
    CHECK_EQ(st.free_blocks, 1);
    CHECK_EQ(st.largest_free, config::heap_bytes - 8);
    CHECK_EQ(st.free_count, 16);
    CHECK(heap_alloc(config::heap_bytes) == nullptr);  // too big: null
    CHECK(heap_alloc(0) == nullptr);
    void* all = heap_alloc(config::heap_bytes - 8);  // exactly everything
    CHECK(all != nullptr);
    CHECK(heap_alloc(1) == nullptr);
    CHECK(heap_free(all) == Result::ok);
    CHECK(heap_check());
}

// Pointer-sized blocks have no room for the free mark: their frees search the list.
void case_pool_double_free_small() {
    alignas(8) static uint8_t mem[BlockPool::pool_bytes(1, 2)];
    static BlockPool small;
    CHECK(small.init(mem, 1, 2) == Result::ok);
    void* a = small.alloc();
    void* b = small.alloc();
    CHECK(a != nullptr && b != nullptr && a != b);
    CHECK(small.free(a) == Result::ok);
    CHECK(small.free(a) == Result::invalid);
    CHECK_EQ(small.available(), 1);
    CHECK(small.free(b) == Result::ok);
    CHECK(small.free(b) == Result::invalid);
    CHECK_EQ(small.available(), 2);
    CHECK(small.alloc() != small.alloc());
}

void case_pool() {
    CHECK(pool.init(pool_mem, 0, 6) == Result::invalid);
    CHECK(pool.init(pool_mem, 128, 6) == Result::ok);
    CHECK_EQ(pool.available(), 6);
    void* b[6];
    for (int i = 0; i < 6; ++i) {
        b[i] = pool.alloc();
        CHECK(b[i] != nullptr);
        memset(b[i], i, 128);
    }
    CHECK(pool.alloc() == nullptr);  // exhausted
    CHECK_EQ(pool.available(), 0);
    CHECK(pool.free(static_cast<uint8_t*>(b[2]) + 4) == Result::invalid);  // not a block start
    CHECK(pool.free(nullptr) == Result::invalid);
    CHECK(pool.free(b[3]) == Result::ok);
    CHECK(pool.alloc() == b[3]);  // LIFO reuse
    for (int i = 0; i < 6; ++i) CHECK(pool.free(b[i]) == Result::ok);
    CHECK_EQ(pool.available(), 6);
    // A double free is refused and changes nothing: the pool still hands each block out
    // once (it used to count 7 free here and give one block twice).
    CHECK(pool.free(b[4]) == Result::invalid);
    CHECK(pool.free(b[0]) == Result::invalid);
    CHECK_EQ(pool.available(), 6);
    for (int i = 0; i < 6; ++i) {
        b[i] = pool.alloc();
        for (int j = 0; j < i; ++j) CHECK(b[i] != b[j]);
    }
    CHECK(pool.alloc() == nullptr);
    for (int i = 0; i < 6; ++i) CHECK(pool.free(b[i]) == Result::ok);  // allocated: accepted
    case_pool_double_free_small();
    // From an interrupt.
    port::irq_attach(5, isr_alloc);
    port::irq_trigger(5);
    CHECK(isr_block != nullptr);
    CHECK_EQ(pool.available(), 5);
    CHECK(pool.free(isr_block) == Result::ok);
}

void ctl_main(void*) {
    case_heap();
    case_pool();
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "memory";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
