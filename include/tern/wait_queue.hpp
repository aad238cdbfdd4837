// A queue of blocked tasks, highest priority first and FIFO among equals: the one
// mechanism every blocking kernel object (semaphore, mutex, queue, ...) waits on.
#pragma once
#include "tern/result.hpp"
#include "tern/time.hpp"

namespace tern {

struct Task;

class WaitQueue {
public:
    bool empty() const { return head_ == nullptr; }
    Task* first() const { return head_; }

    // Kernel-internal (src/kernel/wait_queue.cpp); call inside a critical section.
    void insert(Task& t);
    void remove(Task& t);

private:
    Task* head_ = nullptr;
};

}  // namespace tern
