#include "ready_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

using tern::Task;
using tern::kernel::ReadyQueue;

namespace {

Task make(uint8_t prio) {
    Task t{};
    t.priority = prio;
    return t;
}

TEST(ReadyQueue, HighestOfEveryLevel) {
    static ReadyQueue q;
    static Task tasks[256];
    for (int p = 0; p < 256; ++p) tasks[p] = make(static_cast<uint8_t>(p));
    for (int p = 0; p < 256; ++p) {
        q.insert_tail(tasks[p]);
        EXPECT_EQ(q.highest(), &tasks[p]);
    }
    for (int p = 255; p > 0; --p) {
        q.remove(tasks[p]);
        EXPECT_EQ(q.highest(), &tasks[p - 1]);
    }
    q.remove(tasks[0]);
}

TEST(ReadyQueue, RotateIsRoundRobinAmongEquals) {
    static ReadyQueue q;
    Task a = make(7), b = make(7), c = make(7), low = make(3);
    q.insert_tail(low);
    q.insert_tail(a);
    q.insert_tail(b);
    q.insert_tail(c);
    EXPECT_EQ(q.highest(), &a);
    q.rotate(7);
    EXPECT_EQ(q.highest(), &b);
    q.rotate(7);
    EXPECT_EQ(q.highest(), &c);
    q.rotate(7);
    EXPECT_EQ(q.highest(), &a);
    q.remove(a);
    EXPECT_EQ(q.highest(), &b);
    q.remove(b);
    q.remove(c);
    EXPECT_EQ(q.highest(), &low);
    q.remove(low);
}

// Random inserts and removals against a model: the highest is always the model's
// highest priority, and the first inserted among that priority (FIFO without rotation).
TEST(ReadyQueue, MatchesModel) {
    static ReadyQueue q;
    static Task tasks[200];
    std::vector<Task*> in;  // insertion order
    std::mt19937 rng(42);
    for (int step = 0; step < 20000; ++step) {
        Task& t = tasks[rng() % 200];
        auto it = std::find(in.begin(), in.end(), &t);
        if (it == in.end()) {
            t.priority = static_cast<uint8_t>(rng() % 256);
            q.insert_tail(t);
            in.push_back(&t);
        } else {
            q.remove(t);
            in.erase(it);
        }
        if (in.empty()) continue;
        Task* want = in[0];
        for (Task* x : in) {
            if (x->priority > want->priority) want = x;
        }
        ASSERT_EQ(q.highest(), want) << "step " << step;
    }
}

}  // namespace
