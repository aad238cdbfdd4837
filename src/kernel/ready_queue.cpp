// The ready queue's list operations (the O(1) lookup stays inline in ready_queue.hpp).
#include "ready_queue.hpp"

namespace tern::kernel {

void ReadyQueue::insert_tail(Task& t) {
    Task*& head = heads_[t.priority];
    if (head == nullptr) {
        head = &t;
        t.next = t.prev = &t;
        mark(t.priority);
    } else {
        t.next = head;
        t.prev = head->prev;
        head->prev->next = &t;
        head->prev = &t;
    }
}

void ReadyQueue::remove(Task& t) {
    Task*& head = heads_[t.priority];
    if (t.next == &t) {
        head = nullptr;
        unmark(t.priority);
    } else {
        t.prev->next = t.next;
        t.next->prev = t.prev;
        if (head == &t) head = t.next;
    }
}

}  // namespace tern::kernel
