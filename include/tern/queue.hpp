// Message queues of fixed-size items copied into a caller-supplied buffer.
// Waiting senders and receivers are served highest priority first, FIFO among equals;
// a send to a waiting receiver copies straight into its buffer.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "tern/result.hpp"
#include "tern/time.hpp"
#include "tern/wait_queue.hpp"

namespace tern {

class Queue {
public:
    constexpr Queue() = default;
    Queue(void* buffer, uint32_t item_size, uint32_t capacity) { init(buffer, item_size, capacity); }
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    // buffer holds capacity * item_size bytes. invalid on a null buffer or a zero size.
    Result init(void* buffer, uint32_t item_size, uint32_t capacity);
    // ok, timeout, would_block (full / empty on a poll), deleted, invalid, wrong_context.
    Result send(const void* item, Tick timeout = forever);
    Result send_to_front(const void* item, Tick timeout = forever);
    Result receive(void* item, Tick timeout = forever);
    // Copies the oldest item without removing it (waits for one if empty).
    Result peek(void* item, Tick timeout = forever);
    // Interrupt variants never wait: ok or would_block.
    Result send_from_isr(const void* item);
    Result receive_from_isr(void* item);
    Result destroy();

    uint32_t count() const { return count_; }
    uint32_t capacity() const { return capacity_; }
    uint32_t item_size() const { return item_size_; }

private:
    Result do_send(const void* item, Tick timeout, bool front);
    Result do_receive(void* item, Tick timeout, bool peek);
    void put(const void* item, bool front);
    void get(void* item, bool remove);
    WaitQueue senders_;
    WaitQueue receivers_;
    uint8_t* buf_ = nullptr;
    uint8_t* end_ = nullptr;   // buf_ + capacity_ * item_size_
    uint8_t* head_ = nullptr;  // the oldest item
    uint8_t* tail_ = nullptr;  // where the next item goes
    uint32_t item_size_ = 0;
    uint32_t capacity_ = 0;  // 0 = not initialised or destroyed
    uint32_t count_ = 0;
    bool words_ = false;  // item size a multiple of 4: the hot paths copy words
};

// A queue with its own storage.
template <typename T, uint32_t N>
class QueueOf : public Queue {
public:
    QueueOf() : Queue(storage_, sizeof(T), N) {}
    Result send(const T& v, Tick timeout = forever) { return Queue::send(&v, timeout); }
    Result receive(T& v, Tick timeout = forever) { return Queue::receive(&v, timeout); }

private:
    alignas(8) uint8_t storage_[sizeof(T) * N];
};

}  // namespace tern
