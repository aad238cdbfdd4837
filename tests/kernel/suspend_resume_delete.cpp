// Suspend, resume and delete, of the caller and of other tasks, in every state.
#include "check.hpp"

using namespace tern;

namespace {
Task boss, worker, self_deleter, self_suspender, sleeper;
Stack<2048> boss_stack, worker_stack, sd_stack, ss_stack, sl_stack;
volatile uint32_t worker_runs = 0;
volatile int self_suspender_phase = 0;
volatile bool sleeper_woke = false;

void worker_main(void*) {
    for (;;) {
        worker_runs = worker_runs + 1;
        delay(1);
    }
}

void self_deleter_main(void*) {
    task_delete(nullptr);
    CHECK(false);  // never reached
}

void self_suspender_main(void*) {
    self_suspender_phase = 1;
    task_suspend(nullptr);
    self_suspender_phase = 2;
    for (;;) delay(100);
}

void sleeper_main(void*) {
    delay(10);
    sleeper_woke = true;
    for (;;) delay(100);
}

void boss_main(void*) {
    TaskStats st;
    // Another task, ready: suspended, it stops running; resumed, it runs again.
    task_create(worker, "worker", worker_main, nullptr, 3, worker_stack);
    delay(10);
    CHECK(worker_runs > 0);
    CHECK(task_suspend(&worker) == Result::ok);
    delay(2);
    uint32_t frozen = worker_runs;
    delay(20);
    CHECK_EQ(worker_runs, frozen);
    task_get_stats(worker, st);
    CHECK(st.state == TaskState::suspended || st.state == TaskState::blocked);
    CHECK(task_resume(&worker) == Result::ok);
    delay(10);
    CHECK(worker_runs > frozen);

    // Another task, deleted: gone from lookups, never runs again; its block is reusable.
    CHECK(task_find("worker") == &worker);
    CHECK(task_delete(&worker) == Result::ok);
    CHECK(task_find("worker") == nullptr);
    uint32_t at_delete = worker_runs;
    delay(20);
    CHECK_EQ(worker_runs, at_delete);
    CHECK(task_delete(&worker) == Result::invalid);  // already gone
    CHECK(task_create(worker, "worker2", worker_main, nullptr, 3, worker_stack) == Result::ok);
    delay(5);
    CHECK(worker_runs > at_delete);
    CHECK(task_delete(&worker) == Result::ok);

    // A task deleting itself.
    CHECK(task_create(self_deleter, "selfdel", self_deleter_main, nullptr, 6, sd_stack) ==
          Result::ok);
    CHECK(task_find("selfdel") == nullptr);  // higher priority: already ran and went

    // A task suspending itself, resumed by another.
    task_create(self_suspender, "selfsus", self_suspender_main, nullptr, 6, ss_stack);
    CHECK_EQ(self_suspender_phase, 1);
    task_get_stats(self_suspender, st);
    CHECK(st.state == TaskState::suspended);
    task_resume(&self_suspender);
    CHECK_EQ(self_suspender_phase, 2);

    // A blocked task suspended: its delay still ends, but it stays suspended until resumed.
    task_create(sleeper, "sleeper", sleeper_main, nullptr, 6, sl_stack);
    task_suspend(&sleeper);
    delay(20);
    CHECK(!sleeper_woke);
    task_get_stats(sleeper, st);
    CHECK(st.state == TaskState::suspended);
    task_resume(&sleeper);
    CHECK(sleeper_woke);

    // The idle task cannot be deleted or suspended; bad arguments are refused.
    CHECK(task_delete(task_find("idle")) == Result::invalid);
    CHECK(task_suspend(task_find("idle")) == Result::invalid);
    CHECK(task_resume(nullptr) == Result::invalid);
    CHECK(task_set_priority(&sleeper, 255) == (config::priority_levels == 256 ? Result::ok : Result::invalid));
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "suspend_resume_delete";
    task_create(boss, "boss", boss_main, nullptr, 5, boss_stack);
    start();
}
