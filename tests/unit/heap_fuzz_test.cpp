// The heap against a model: random alloc/free sequences, the integrity check after every
// step, contents never overlapping (each live block filled with its own pattern), stats
// agreeing with the model, and everything coalescing back into one block at the end.
#include <gtest/gtest.h>
#include <string.h>

#include <map>
#include <random>
#include <vector>

#include "tern/memory.hpp"

using tern::Heap;
using tern::HeapStats;
using tern::Result;

namespace {

struct Live {
    size_t size;
    uint8_t pattern;
};

bool contents_ok(const std::map<uint8_t*, Live>& live) {
    for (const auto& [p, l] : live) {
        for (size_t i = 0; i < l.size; ++i) {
            if (p[i] != l.pattern) return false;
        }
    }
    return true;
}

void fuzz(uint32_t seed, uint32_t arena_bytes, size_t max_request, int steps) {
    std::vector<uint8_t> arena_storage(arena_bytes + 8);
    Heap h;
    h.init(arena_storage.data(), static_cast<uint32_t>(arena_storage.size()));
    std::mt19937 rng(seed);
    std::map<uint8_t*, Live> live;
    uint32_t allocs = 0, frees = 0;
    HeapStats st;
    h.stats(st);
    const uint32_t total = st.total;
    for (int step = 0; step < steps; ++step) {
        bool do_alloc = live.empty() || (rng() % 100) < 55;
        if (do_alloc) {
            size_t n = 1 + rng() % max_request;
            if (rng() % 20 == 0) n = 1 + rng() % (total);  // sometimes too big
            h.stats(st);
            auto* p = static_cast<uint8_t*>(h.alloc(n));
            size_t need = ((n + 7) & ~size_t{7}) + 8;
            if (p == nullptr) {
                // Failure only when no free block is large enough (first fit would find it).
                ASSERT_LT(st.largest_free, ((n + 7) & ~size_t{7})) << "step " << step;
            } else {
                ++allocs;
                ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % 8, 0u);
                ASSERT_GE(p, arena_storage.data());
                ASSERT_LE(p + n, arena_storage.data() + arena_storage.size());
                ASSERT_GE(h.block_size(p), n);
                ASSERT_LE(h.block_size(p), need - 8 + 8);  // split leaves < one min block
                uint8_t pattern = static_cast<uint8_t>(rng());
                memset(p, pattern, n);
                ASSERT_EQ(live.count(p), 0u);
                live[p] = Live{n, pattern};
            }
        } else {
            auto it = live.begin();
            std::advance(it, rng() % live.size());
            ASSERT_EQ(h.free(it->first), Result::ok);
            ++frees;
            // A second free of the same pointer is refused and changes nothing.
            if (rng() % 10 == 0) {
                ASSERT_EQ(h.free(it->first), Result::invalid);
            }
            live.erase(it);
        }
        if (rng() % 50 == 0 && !live.empty()) {
            // A pointer into the middle of a live block is refused.
            auto it = live.begin();
            if (it->second.size > 8) {
                ASSERT_EQ(h.free(it->first + 8), Result::invalid);
            }
        }
        ASSERT_TRUE(h.check()) << "integrity, step " << step;
        h.stats(st);
        ASSERT_EQ(st.alloc_count, allocs);
        ASSERT_EQ(st.free_count, frees);
        ASSERT_EQ(st.used + st.free, st.total);
        size_t model_used = 0;
        for (const auto& [p, l] : live) model_used += h.block_size(p) + 8;
        ASSERT_EQ(st.used, model_used);
        if (step % 64 == 0) {
            ASSERT_TRUE(contents_ok(live)) << "overlap, step " << step;
        }
    }
    ASSERT_TRUE(contents_ok(live));
    for (auto& [p, l] : live) ASSERT_EQ(h.free(p), Result::ok);
    ASSERT_TRUE(h.check());
    h.stats(st);
    EXPECT_EQ(st.used, 0u);
    EXPECT_EQ(st.free_blocks, 1u);  // fully coalesced
    EXPECT_EQ(st.largest_free, st.total - 8);
}

TEST(HeapFuzz, SmallBlocks) {
    for (uint32_t seed = 1; seed <= 8; ++seed) fuzz(seed, 8192, 64, 4000);
}
TEST(HeapFuzz, MixedSizes) {
    for (uint32_t seed = 100; seed <= 104; ++seed) fuzz(seed, 8192, 1500, 4000);
}
TEST(HeapFuzz, TinyArena) { fuzz(7, 256, 40, 3000); }

TEST(Heap, FirstFitAndCoalescing) {
    alignas(8) static uint8_t arena[1024];
    Heap h;
    h.init(arena, sizeof arena);
    void* a = h.alloc(100);
    void* b = h.alloc(100);
    void* c = h.alloc(100);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(h.free(b), Result::ok);
    void* d = h.alloc(50);  // first fit: the hole b left
    EXPECT_EQ(d, b);
    EXPECT_EQ(h.free(d), Result::ok);
    EXPECT_EQ(h.free(a), Result::ok);  // merges forward with the hole
    HeapStats st;
    h.stats(st);
    EXPECT_EQ(st.free_blocks, 2u);
    EXPECT_EQ(h.free(c), Result::ok);  // merges both ways with everything
    h.stats(st);
    EXPECT_EQ(st.free_blocks, 1u);
    EXPECT_TRUE(h.check());
}

TEST(Heap, CorruptionIsDetected) {
    alignas(8) static uint8_t arena[512];
    Heap h;
    h.init(arena, sizeof arena);
    auto* a = static_cast<uint8_t*>(h.alloc(24));
    ASSERT_TRUE(h.check());
    a[-8] ^= 0x40;  // scribble over a's header
    EXPECT_FALSE(h.check());
    EXPECT_EQ(h.free(a), Result::invalid);
}

TEST(BlockPool, ConstantTimeFreeList) {
    alignas(8) static uint8_t mem[tern::BlockPool::pool_bytes(20, 5)];
    tern::BlockPool pool;
    ASSERT_EQ(pool.init(mem, 20, 5), Result::ok);
    EXPECT_EQ(pool.block_size() % sizeof(void*), 0u);
    std::vector<void*> got;
    while (void* p = pool.alloc()) got.push_back(p);
    EXPECT_EQ(got.size(), 5u);
    for (size_t i = 0; i < got.size(); ++i) {
        for (size_t j = i + 1; j < got.size(); ++j) EXPECT_NE(got[i], got[j]);
    }
    EXPECT_EQ(pool.free(static_cast<uint8_t*>(got[1]) + 1), Result::invalid);
    EXPECT_EQ(pool.free(mem + sizeof mem), Result::invalid);
    for (void* p : got) EXPECT_EQ(pool.free(p), Result::ok);
    EXPECT_EQ(pool.available(), 5u);
}

}  // namespace
