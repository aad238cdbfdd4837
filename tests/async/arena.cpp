// The frame arena: frames come from it and go back to it (neighbours merge, so a freed
// run can hold a larger frame), and a frame that does not fit is refused cleanly (an empty
// Task/Co, nothing allocated) rather than taken from a heap. run_tasks turns an empty
// Task into a start-up stop with a message; that path halts, so it is not run here.
#include "harness.hpp"

using namespace tern;
using namespace tern::async;

namespace {
volatile uint8_t sink;

// Keeps a large buffer alive across a suspension, so it must live in the frame.
async::Task huge_task() {
    volatile uint8_t buf[512 * 1024];
    buf[0] = 1;
    co_await yield_now();
    sink = buf[0];
}

Co<int> huge_child() {
    volatile uint8_t buf[512 * 1024];
    buf[0] = 2;
    co_await yield_now();
    co_return buf[0];
}

Co<int> small_child(int v) {
    co_await yield_now();
    co_return v;
}

async::Task driver() {
    size_t base = arena::used();
    CHECK(base > 0);  // this task's own frame

    {
        async::Task t = huge_task();
        CHECK(!t.valid());
        CHECK_EQ(arena::used(), base);  // nothing taken by the refused frame
        auto c = huge_child();
        CHECK(!c.valid());
        CHECK_EQ(arena::used(), base);
    }

    // Frames are freed in any order and merge back: three children freed out of order
    // leave the arena as it was, and their space holds them again.
    {
        auto a = small_child(1);
        auto b = small_child(2);
        auto c = small_child(3);
        CHECK(a.valid() && b.valid() && c.valid());
        size_t three = arena::used() - base;
        CHECK(three > 0);
        co_await join(b, a, c);
        CHECK_EQ(b.await_resume(), 2);
        { auto gone = static_cast<Co<int>&&>(b); }  // free the middle one first
        CHECK_EQ(arena::used() - base, three / 3 * 2);
    }
    CHECK_EQ(arena::used(), base);
    for (int i = 0; i < 100; ++i) CHECK_EQ(co_await small_child(i), i);  // no leak
    CHECK_EQ(arena::used(), base);
    test::finish();
}

void executor_main(void*) {
    run_tasks(driver());
}
}  // namespace

int main() {
    test::start_executor("async_arena", executor_main);
}
