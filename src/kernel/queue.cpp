// Message queues: a ring of fixed-size items in a caller buffer. A waiting receiver is
// handed an item by copying straight into its buffer; a waiting sender's item goes into
// the slot a receive frees. Both wait lists are priority ordered, FIFO among equals.
#include <string.h>

#include "hot.hpp"
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

// A word that may alias any object: items are the caller's objects of any type.
typedef uint32_t __attribute__((__may_alias__)) AliasWord;

// Copies n bytes, a multiple of 4 and at least 4, a word at a time. Where the CPU has
// unaligned word access either side may be unaligned (word loads and stores through
// memcpy: one instruction each on ARMv7-M); elsewhere both must be aligned, or it is
// one memcpy (ARMv6-M and RV32 would otherwise copy each word a byte at a time).
[[gnu::always_inline]] inline void copy_words(uint8_t* d, const uint8_t* s, uint32_t n) {
    if constexpr (!port::unaligned_word_access) {
        if (((reinterpret_cast<uintptr_t>(d) | reinterpret_cast<uintptr_t>(s)) & 3) != 0) {
            memcpy(d, s, n);
            return;
        }
        auto* dw = reinterpret_cast<AliasWord*>(d);
        auto* sw = reinterpret_cast<const AliasWord*>(s);
        const AliasWord* end = sw + n / 4;
        do {
            *dw++ = *sw++;
        } while (sw != end);
        return;
    }
    const uint8_t* end = s + n;
    do {
        uint32_t w;
        __builtin_memcpy(&w, s, 4);
        __builtin_memcpy(d, &w, 4);
        s += 4;
        d += 4;
    } while (s != end);
}

}  // namespace

Result Queue::init(void* buffer, uint32_t item_size, uint32_t capacity) {
    if (buffer == nullptr || item_size == 0 || capacity == 0 ||
        item_size > 0xFFFFFFFFu / capacity) {
        return Result::invalid;
    }
    CriticalSection cs;
    senders_ = WaitQueue{};
    receivers_ = WaitQueue{};
    buf_ = head_ = tail_ = static_cast<uint8_t*>(buffer);
    end_ = buf_ + item_size * capacity;
    item_size_ = item_size;
    capacity_ = capacity;
    count_ = 0;
    words_ = item_size % 4 == 0;
    return Result::ok;
}

void Queue::put(const void* item, bool front) {
    if (front) {
        head_ = (head_ == buf_ ? end_ : head_) - item_size_;
        memcpy(head_, item, item_size_);
    } else {
        memcpy(tail_, item, item_size_);
        tail_ += item_size_;
        if (tail_ == end_) tail_ = buf_;
    }
    ++count_;
}

void Queue::get(void* item, bool remove) {
    memcpy(item, head_, item_size_);
    if (remove) {
        head_ += item_size_;
        if (head_ == end_) head_ = buf_;
        --count_;
    }
}

// ---- send ----------------------------------------------------------------------------

[[gnu::noinline]] Result Queue::do_send(const void* item, Tick timeout, bool front) {
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
                memcpy(w.data, item, item_size_);
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

TERN_HOT Result Queue::send(const void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    // Hot path: word items, room, and nobody waiting to receive (nothing to hand over).
    port::IrqState s = port::irq_save();
    uint32_t n = count_;
    if (n < capacity_ && receivers_.empty() && words_ && item != nullptr) {
        uint8_t* t = tail_;
        copy_words(t, static_cast<const uint8_t*>(item), item_size_);
        t += item_size_;
        tail_ = t == end_ ? buf_ : t;
        count_ = n + 1;
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
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

[[gnu::noinline]] Result Queue::do_receive(void* item, Tick timeout, bool peek) {
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

TERN_HOT Result Queue::receive(void* item, Tick timeout) {
    if (port::in_isr()) return Result::wrong_context;
    // Hot path: word items, an item there, and no sender waiting for the slot it frees.
    port::IrqState s = port::irq_save();
    uint32_t n = count_;
    if (n != 0 && senders_.empty() && words_ && item != nullptr) {
        uint8_t* h = head_;
        copy_words(static_cast<uint8_t*>(item), h, item_size_);
        h += item_size_;
        head_ = h == end_ ? buf_ : h;
        count_ = n - 1;
        port::irq_restore(s);
        return Result::ok;
    }
    port::irq_restore(s);
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
    head_ = tail_ = buf_;
    reschedule();
    return Result::ok;
}

}  // namespace tern
