// Ready tasks: one circular list per priority and a two-level bitmap, so the highest
// ready priority is found in constant time (two find-last-set operations) whatever the
// number of tasks. Round-robin among equals is a rotation of the list's head.
#pragma once
#include <stdint.h>
#include "tern/config.hpp"
#include "tern/task.hpp"

namespace tern::kernel {

class ReadyQueue {
public:
    static constexpr unsigned levels = config::priority_levels;
    static constexpr unsigned words = (levels + 31) / 32;

    // Out of line: each is a dozen instructions, used from every blocking and waking
    // path; one copy of each keeps the kernel small for two instructions of call.
    void insert_tail(Task& t);
    void remove(Task& t);

    // The next task of the same priority gets the CPU first (time slice, yield).
    void rotate(Priority p) {
        if (heads_[p] != nullptr) heads_[p] = heads_[p]->next;
    }

    // yield's fast path: t (running, so at the head of its ready list) goes behind its
    // equals; returns who is now first at t's priority. Nothing of higher priority can
    // be ready while t runs, so that task is the highest.
    [[gnu::always_inline]] Task* rotate_from(Task& t) {
        Task*& head = heads_[t.priority];
        if (head == &t) head = t.next;
        return head;
    }

    [[gnu::always_inline]] Task* highest() const {
        if constexpr (words == 1) {
            return heads_[port::highest_bit(map_[0])];
        } else {
            unsigned w = port::highest_bit(groups_);
            return heads_[w * 32 + port::highest_bit(map_[w])];
        }
    }

    Task* head(Priority p) const { return heads_[p]; }

private:
    [[gnu::always_inline]] void mark(Priority p) {
        map_[p / 32] |= 1u << (p % 32);
        if constexpr (words > 1) groups_ |= 1u << (p / 32);
    }
    [[gnu::always_inline]] void unmark(Priority p) {
        map_[p / 32] &= ~(1u << (p % 32));
        if constexpr (words > 1) {
            if (map_[p / 32] == 0) groups_ &= ~(1u << (p / 32));
        }
    }

    Task* heads_[levels];
    uint32_t map_[words];
    uint32_t groups_;
};

}  // namespace tern::kernel
