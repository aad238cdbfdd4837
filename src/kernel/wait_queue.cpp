// WaitQueue: a doubly-linked list kept in priority order (FIFO among equals), so the
// task to wake is always the head and wake-up is O(1); insertion is O(waiters).
#include "sched.hpp"

namespace tern {

void WaitQueue::insert(Task& t) {
    Task* prev = nullptr;
    Task* cur = head_;
    while (cur != nullptr && cur->priority >= t.priority) {
        prev = cur;
        cur = cur->queue_next;
    }
    t.queue_prev = prev;
    t.queue_next = cur;
    if (cur != nullptr) cur->queue_prev = &t;
    if (prev != nullptr) {
        prev->queue_next = &t;
    } else {
        head_ = &t;
    }
    t.waiting_on = this;
}

void WaitQueue::remove(Task& t) {
    if (t.queue_prev != nullptr) {
        t.queue_prev->queue_next = t.queue_next;
    } else {
        head_ = t.queue_next;
    }
    if (t.queue_next != nullptr) t.queue_next->queue_prev = t.queue_prev;
    t.queue_next = t.queue_prev = nullptr;
    t.waiting_on = nullptr;
}

}  // namespace tern
