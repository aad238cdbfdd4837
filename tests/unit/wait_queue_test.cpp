#include "tern/wait_queue.hpp"

#include <gtest/gtest.h>

#include "tern/task.hpp"

using tern::Task;
using tern::WaitQueue;

namespace {

TEST(WaitQueue, PriorityOrderFifoAmongEquals) {
    WaitQueue q;
    Task a{}, b{}, c{}, d{};
    a.priority = 5;
    b.priority = 9;
    c.priority = 5;
    d.priority = 1;
    q.insert(a);
    q.insert(b);
    q.insert(c);
    q.insert(d);
    EXPECT_EQ(a.waiting_on, &q);
    EXPECT_EQ(q.first(), &b);
    q.remove(b);
    EXPECT_EQ(b.waiting_on, nullptr);
    EXPECT_EQ(q.first(), &a);  // a waited longer than c
    q.remove(a);
    EXPECT_EQ(q.first(), &c);
    q.remove(c);
    EXPECT_EQ(q.first(), &d);
    q.remove(d);
    EXPECT_TRUE(q.empty());
}

TEST(WaitQueue, RemoveFromMiddleAndTail) {
    WaitQueue q;
    Task t[4]{};
    for (int i = 0; i < 4; ++i) {
        t[i].priority = static_cast<uint8_t>(10 - i);
        q.insert(t[i]);
    }
    q.remove(t[1]);
    q.remove(t[3]);
    EXPECT_EQ(q.first(), &t[0]);
    EXPECT_EQ(t[0].queue_next, &t[2]);
    EXPECT_EQ(t[2].queue_prev, &t[0]);
    EXPECT_EQ(t[2].queue_next, nullptr);
}

}  // namespace
