// The executor: polls woken operations one at a time, sleeps its kernel task when nothing
// is ready.
//
// Only woken work runs: every wake moves one Op node to `ready`, and the executor polls
// exactly the nodes it finds there, so any number of tasks get exact wake-ups (no shared
// wake bits). Sleeping is the kernel's job: the executor task blocks on a binary semaphore
// with the earliest deadline as its timeout, so time is tickless (the kernel's idle
// programs the wake timer) and a wake from an interrupt cannot be lost: `sleeping` is set
// with interrupts masked after the last look at `ready`, and a give that lands before the
// take leaves the semaphore's unit behind for the take to find.
#include "poll_mask.hpp"
#include "tern/async/op.hpp"
#include "tern/async/task.hpp"
#include "tern/print.hpp"
#include "tern/semaphore.hpp"
#include "tern/task.hpp"

namespace tern::async {

using detail::poll_mask;
using detail::poll_unmask;
using detail::Timed;

namespace {
List ready;   // woken Ops, polled in wake order
List timers;  // detail::Timed Ops, earliest deadline first; executor context only
tern::Semaphore wake_sem(0, 1);
volatile bool sleeping;

// Moves every timer whose deadline has come to the ready list.
void expire_timers() {
    Tick t = tern::now();
    Masked m;
    while (Node* n = timers.front()) {
        if (tick_before(t, static_cast<detail::Timed*>(n)->deadline)) break;
        detail::make_ready_locked(*static_cast<Op*>(n));
    }
}

Op* pop_ready() {
    Masked m;
    Node* n = ready.front();
    if (n != nullptr) n->unlink();
    return static_cast<Op*>(n);
}
}  // namespace

void detail::make_ready_locked(Op& op) {
    op.unlink();
    ready.push_back(op);
}

void detail::kick() {
    if (!sleeping) return;  // the executor is running: it will see the ready list
    sleeping = false;
    if (port::in_isr()) {
        wake_sem.give_from_isr();
    } else {
        wake_sem.give();
    }
}

void detail::make_ready(Op& op) {
    Masked m;
    make_ready_locked(op);
    kick();
}

void detail::wake_all(List& waiters) {
    Masked m;
    while (Node* n = waiters.front()) make_ready_locked(*static_cast<Op*>(n));
    kick();
}

void detail::timer_insert(Timed& t) {
    Node* pos = timers.front();
    while (pos != nullptr && pos != timers.end() &&
           !tick_before(t.deadline, static_cast<Timed*>(pos)->deadline)) {
        pos = pos->next;
    }
    Masked m;  // the node may be unlinked by a masked destructor; keep the list whole
    List::insert_before(pos != nullptr ? *pos : *timers.end(), t);
}

void detail::fatal(const char* why, size_t number) {
    tern::print("tern::async: %s%u (arena %u bytes, %u in use)\r\n", why,
                static_cast<unsigned>(number), static_cast<unsigned>(config::arena_bytes),
                static_cast<unsigned>(arena::used()));
    port::halt();
}

void run_tasks(Task* tasks, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        if (!tasks[i].valid()) {
            detail::fatal("a task's frame does not fit TERN_ASYNC_ARENA_BYTES; run_tasks argument ",
                          i);
        }
    }
    for (size_t i = 0; i < count; ++i) {
        uint32_t s = poll_mask();
        std::coroutine_handle<>::from_address(tasks[i].frame()).resume();
        poll_unmask(s);
    }
    for (;;) {
        uint32_t s = poll_mask();
        if (!timers.empty()) expire_timers();
        if (Op* op = pop_ready()) {
            if (op->poll()) op->complete();
            poll_unmask(s);  // pending interrupts run between polls
            continue;
        }
        bool idle;
        {
            Masked m;
            idle = ready.empty();
            sleeping = idle;
        }
        poll_unmask(s);
        if (!idle) continue;
        Tick wait = forever;
        if (Node* n = timers.front()) {
            // Read the time as late as possible: a tick between here and the take would
            // make the wake one tick late.
            Tick deadline = static_cast<Timed*>(n)->deadline;
            Tick t = tern::now();
            if (!tick_before(t, deadline)) {  // came due while we looked
                sleeping = false;
                continue;
            }
            wait = deadline - t;
        }
        wake_sem.take(wait);
        sleeping = false;
    }
}

}  // namespace tern::async
