// Dynamic priorities: a task raised above another takes the CPU at once, and priority
// inheritance lifts a low-priority mutex holder above a busy medium task so that the
// high-priority waiter is not held up (the inversion a plain mutex would suffer).
#include "tern/kernel.hpp"
#include "tern/mutex.hpp"

using namespace tern;

namespace {
Task ctl, low, medium, high;
Stack<1536> ctl_stack, low_stack, medium_stack, high_stack;
Mutex bus;
volatile bool release = false;
volatile bool high_done = false;

void low_main(void*) {
    bus.lock();
    print("low    (prio %u): holds the bus\r\n", static_cast<unsigned>(task_self()->priority));
    while (!release) yield();
    print("low    (prio %u): releasing the bus (running boosted)\r\n",
          static_cast<unsigned>(task_self()->priority));
    bus.unlock();
    print("low    (prio %u): back to its own priority\r\n",
          static_cast<unsigned>(task_self()->priority));
}

void medium_main(void*) {
    print("medium (prio %u): runs only after high is served: %s\r\n",
          static_cast<unsigned>(task_self()->priority), high_done ? "yes" : "NO");
}

void high_main(void*) {
    print("high   (prio %u): wants the bus\r\n", static_cast<unsigned>(task_self()->priority));
    bus.lock();
    print("high   : got the bus\r\n");
    bus.unlock();
    high_done = true;
}

void ctl_main(void*) {
    task_create(low, "low", low_main, nullptr, 5, low_stack);
    delay(2);
    task_create(high, "high", high_main, nullptr, 20, high_stack);
    delay(2);
    print("ctl: low now runs at %u (base %u), inherited from high\r\n",
          static_cast<unsigned>(low.priority), static_cast<unsigned>(low.base_priority));
    task_set_priority(&low, 8);
    print("ctl: low's base set to 8 while boosted: still %u\r\n",
          static_cast<unsigned>(low.priority));
    release = true;
    task_create(medium, "medium", medium_main, nullptr, 10, medium_stack);
    delay(5);
    // Raising a ready task above the running one hands it the CPU immediately.
    task_set_priority(task_self(), 30);
    print("priority_adjustment: done\r\n");
    port::exit(high_done ? 0 : 1);
}
}  // namespace

int main() {
    task_create(ctl, "ctl", ctl_main, nullptr, 50, ctl_stack);
    start();
}
