// Async scenario tests: the executor runs in one kernel task (priority 5), created by
// main(); `entry` builds the coroutines and calls run_tasks.
#pragma once
#include "check.hpp"
#include "tern/async/all.hpp"

namespace tern::test {

inline Task executor_task;
inline Stack<2048> executor_stack;

[[noreturn]] inline void start_executor(const char* name, TaskEntry entry, Priority priority = 5) {
    test_name = name;
    task_create(executor_task, "executor", entry, nullptr, priority, executor_stack);
    start();
}

}  // namespace tern::test
