// Higher priorities run first; a task created by a lower one preempts it at once.
#include "check.hpp"

using namespace tern;

namespace {
Task tasks[4];
Stack<1024> stacks[4];
char order[8];
int n = 0;

void record(void* arg) { order[n++] = static_cast<char>(reinterpret_cast<uintptr_t>(arg)); }

void spawner(void*) {
    order[n++] = 'S';
    // Creating a higher-priority task switches to it before task_create returns.
    task_create(tasks[3], "high", record, reinterpret_cast<void*>('H'), 20, stacks[3]);
    order[n++] = 's';
    // A lower one waits for this task to block or end.
    task_create(tasks[2], "lower", record, reinterpret_cast<void*>('L'), 1, stacks[2]);
    order[n++] = 'e';
    delay(5);
    order[n] = 0;
    CHECK(order[0] == 'C' && order[1] == 'B' && order[2] == 'S' && order[3] == 'H' &&
          order[4] == 's' && order[5] == 'e' && order[6] == 'L');
    print("order: %s\r\n", order);
    test::finish();
}
}  // namespace

int main() {
    test::test_name = "priority_order";
    task_create(tasks[0], "b", record, reinterpret_cast<void*>('B'), 5, stacks[0]);
    task_create(tasks[1], "c", record, reinterpret_cast<void*>('C'), 9, stacks[1]);
    // Same priority as "b" but created later: round-robin order puts it after "b" —
    // it is the spawner, and it runs after b and c ended.
    static Task sp;
    static Stack<2048> sp_stack;
    task_create(sp, "spawner", spawner, nullptr, 5, sp_stack);
    start();
}
