// Message queues: a ring of fixed-size items in a caller buffer. A waiting receiver is
// handed an item by copying straight into its buffer; a waiting sender's item goes into
// the slot a receive frees. Both wait lists are priority ordered, FIFO among equals.
#include <string.h>

#include "sched.hpp"
#include "tern/queue.hpp"

namespace tern {

using namespace kernel;

namespace {

// On the waiting task's stack.
struct Waiter {
    void* data;      // the item to send, or where to receive
    bool flag;       // send: to the front; receive: peek only
};

inline void copy(void* dst, const void* src, uint32_t n) {
    if (n == 4 && ((reinterpret_cast<uintptr_t>(dst) | reinterpret_cast<uintptr_t>(src)) & 3) == 0) {
        *static_cast<uint32_t*>(dst) = *static_cast<const uint32_t*>(src);
    } else {
        memcpy(dst, src, n);
    }
}

}  // namespace

Result Queue::init(void* buffer, uint32_t item_size, uint32_t capacity) {
    if (buffer == nullptr || item_size == 0 || capacity == 0) return Result::invalid;
    CriticalSection cs;
    senders_ = WaitQueue{};
    receivers_ = WaitQueue{};
    buf_ = static_cast<uint8_t*>(buffer);
    item_size_ = item_size;
    capacity_ = capacity;
    count_ = 0;
    head_ = 0;
    return Result::ok;
}

void Queue::put(const void* item, bool front) {
    uint32_t slot;
    if (front) {
        head_ = (head_ == 0 ? capacity_ : head_) - 1;
        slot = head_;
    } else {
        slot = head_ + count_;
        if (slot >= capacity_) slot -= capacity_;
    }
    copy(buf_ + slot * item_size_, item, item_size_);
    ++count_;
}

void Queue::get(void* item, bool remove) {
    copy(item, buf_ + head_ * item_size_, item_size_);
    if (remove) {
        if (++head_ == capacity_) head_ = 0;
        --count_;
    }
}

// ---- send ----------------------------------------------------------------------------

Result Queue::do_send(const void* item, Tick timeout, bool front) {
    {
        CriticalSection cs;
        if (capacity_ == 0 || item == nullptr) return Result::invalid;
        if (!receivers_.empty()) {
            // The queue is empty: peekers ahead of the first receiver get a copy, the
            // receiver takes the item; with only peekers waiting, the item is queued.
            bool taken = false;
            for (Task* t = receivers_.first(); t != nullptr && !taken;) {
                Task* next = t->queue_next;
                Waiter& w = *reinterpret_cast<Waiter*>(t->wait_value);
                copy(w.data, item, item_size_);
                taken = !w.flag;
                wake(*t, Result::ok);
                t = next;
            }
            if (!taken) put(item, front);
            reschedule();
            return Result::ok;
        }
        if (count_ < capacity_) {
            put(item, front);
            return Result::ok;
        }
        if (timeout == no_wait) return Result::would_block;
        Task* self = current();
        if (self == nullptr) return Result::wrong_context;
        Waiter w{const_cast<void*>(item), front};
        self->wait_value = reinterpret_cast<uintptr_t>(&w);
        block_current(&senders_, timeout);
    }
    return current()->wait_result;
}

Result Queue::send(const void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    return do_send(item, timeout, false);
}

Result Queue::send_to_front(const void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    return do_send(item, timeout, true);
}

Result Queue::send_from_isr(const void* item) {
    if (!port::in_isr()) return Result::wrong_context;
    return do_send(item, no_wait, false);
}

// ---- receive -------------------------------------------------------------------------

Result Queue::do_receive(void* item, Tick timeout, bool peek) {
    {
        CriticalSection cs;
        if (capacity_ == 0 || item == nullptr) return Result::invalid;
        if (count_ != 0) {
            get(item, !peek);
            if (!peek) {
                if (Task* s = senders_.first()) {  // a slot is free: the first sender's item
                    Waiter& w = *reinterpret_cast<Waiter*>(s->wait_value);
                    put(w.data, w.flag);
                    wake(*s, Result::ok);
                    reschedule();
                }
            }
            return Result::ok;
        }
        if (timeout == no_wait) return Result::would_block;
        Task* self = current();
        if (self == nullptr) return Result::wrong_context;
        Waiter w{item, peek};
        self->wait_value = reinterpret_cast<uintptr_t>(&w);
        block_current(&receivers_, timeout);
    }
    return current()->wait_result;
}

Result Queue::receive(void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    return do_receive(item, timeout, false);
}

Result Queue::peek(void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    return do_receive(item, timeout, true);
}

Result Queue::receive_from_isr(void* item) {
    if (!port::in_isr()) return Result::wrong_context;
    return do_receive(item, no_wait, false);
}

Result Queue::destroy() {
    if (port::in_isr()) return Result::wrong_context;
    CriticalSection cs;
    if (capacity_ == 0) return Result::invalid;
    while (Task* t = senders_.first()) wake(*t, Result::deleted);
    while (Task* t = receivers_.first()) wake(*t, Result::deleted);
    capacity_ = 0;
    count_ = 0;
    reschedule();
    return Result::ok;
}

}  // namespace tern
