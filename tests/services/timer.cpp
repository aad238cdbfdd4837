// Software timers: an auto-reload timer fires exactly on its grid for 10,000 periods
// (no drift, although callbacks do work); one-shot; stop; reset; change_period;
// remaining(); several timers in expiry order.
#include "check.hpp"
#include "tern/timer.hpp"

using namespace tern;

namespace {
Task ctl;
Stack<1536> ctl_stack;
Timer periodic, once, other;

volatile uint32_t fires = 0;
volatile uint32_t off_grid = 0;
volatile Tick grid_start = 0;
constexpr Tick period = 3;
constexpr uint32_t periods = 10000;

void on_periodic(void*) {
    uint32_t n = fires + 1;
    fires = n;
    if (now() != grid_start + n * period) ++off_grid;
    // Some work in the callback, sometimes heavy: it must not shift the grid.
    volatile uint32_t spin = 0;
    for (uint32_t i = 0; i < (n % 5) * 50; ++i) spin = spin + i;
    if (n == periods) periodic.stop();
}

volatile uint32_t once_fires = 0;
volatile Tick once_at = 0;
void on_once(void*) {
    once_fires = once_fires + 1;
    once_at = now();
}

char seq[8];
volatile int seq_len = 0;
void on_tag(void* arg) { seq[seq_len++] = static_cast<char>(reinterpret_cast<uintptr_t>(arg)); }

void ctl_main(void*) {
    CHECK(periodic.init("p", TimerKind::auto_reload, 0, on_periodic, nullptr) == Result::invalid);
    CHECK(periodic.init("p", TimerKind::auto_reload, period, on_periodic, nullptr) == Result::ok);
    CHECK(once.init("o", TimerKind::one_shot, 10, on_once, nullptr) == Result::ok);
    CHECK(task_find("timers") != nullptr);  // the service task
    CHECK_EQ(periodic.remaining(), 0);

    // One-shot: fires once, period after start; remaining() counts down.
    Tick t0 = now();
    CHECK(once.start() == Result::ok);
    CHECK_EQ(once.remaining(), 10);
    delay(4);
    CHECK_EQ(once.remaining(), 6);
    delay(10);
    CHECK_EQ(once_fires, 1);
    CHECK_EQ(once_at - t0, 10);
    CHECK(!once.active());
    // reset() restarts from now; stop() cancels.
    t0 = now();
    once.start();
    delay(6);
    once.reset();  // due at t0 + 16 now
    delay(8);
    CHECK_EQ(once_fires, 1);
    delay(4);
    CHECK_EQ(once_fires, 2);
    CHECK_EQ(once_at - t0, 16);
    once.start();
    delay(5);
    CHECK(once.stop() == Result::ok);
    delay(10);
    CHECK_EQ(once_fires, 2);
    // change_period on a running timer restarts it with the new period.
    t0 = now();
    once.start();
    delay(2);
    CHECK(once.change_period(20) == Result::ok);
    CHECK_EQ(once.remaining(), 20);
    delay(25);
    CHECK_EQ(once_fires, 3);
    CHECK_EQ(once_at - t0, 22);
    CHECK(once.change_period(0) == Result::invalid);

    // Several timers fire in expiry order.
    other.init("c", TimerKind::one_shot, 7, on_tag, reinterpret_cast<void*>('c'));
    once.init("a", TimerKind::one_shot, 3, on_tag, reinterpret_cast<void*>('a'));
    Timer& b = periodic;
    b.init("b", TimerKind::one_shot, 5, on_tag, reinterpret_cast<void*>('b'));
    other.start();
    once.start();
    b.start();
    delay(10);
    CHECK_EQ(seq_len, 3);
    CHECK_EQ(seq[0], 'a');
    CHECK_EQ(seq[1], 'b');
    CHECK_EQ(seq[2], 'c');

    // Auto-reload accuracy over 10,000 periods.
    periodic.init("p", TimerKind::auto_reload, period, on_periodic, nullptr);
    fires = 0;
    off_grid = 0;
    grid_start = now();
    periodic.start();
    while (fires < periods) delay(50);
    CHECK_EQ(fires, periods);
    CHECK_EQ(off_grid, 0);
    CHECK_EQ(now() - grid_start >= periods * period, 1);
    CHECK(!periodic.active());
    delay(10);
    CHECK_EQ(fires, periods);  // stopped from its own callback
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "timer";
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
