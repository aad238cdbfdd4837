// A C API misuse sequence target: a bounded, deterministic random-mutation driver (the
// kernel runs tasks, so libFuzzer's one-call-per-input model does not fit; this runs in
// ./tern test on the host and on the boards). Three worker tasks make random os_* calls
// on a shared set of objects — right and wrong handles (NULL), locks and unlocks out of
// order, deletes and re-inits under waiters, suspends, resumes, deletes of each other and
// of themselves, priority changes, timeouts from none to forever — and an interrupt makes
// random calls from interrupt context. Every call must return one of the seed's codes (and
// from the interrupt, a task-only call exactly OS_ERROR_WRONG_CONTEXT); the counters of
// the objects must stay within their bounds; and at the end, once the driver has deleted
// every object, no worker may be left blocked: each returns, and the heap is intact.
// C_API_FUZZ_SEED and C_API_FUZZ_ROUNDS change the run (docs/fuzzing.md).
#include <string.h>

#include "check.hpp"
#include "tern/os.h"

#ifndef C_API_FUZZ_SEED
#define C_API_FUZZ_SEED 0x2117u
#endif
#ifndef C_API_FUZZ_ROUNDS
#define C_API_FUZZ_ROUNDS 60  // driver rounds; each lets the workers run ~25 ms
#endif

using namespace tern;

namespace {

constexpr int kWorkers = 3;
tcb_t driver_tcb, worker_tcb[kWorkers];
mutex_t mutexes[2];  // [1] is recursive
semaphore_t sems[2];  // [1] is binary
cond_var_t cond;
event_group_t events;
queue_t queue;
uint32_t queue_buf[3];
os_timer_t timer;
os_pool_t pool;
uint32_t pool_buf[OS_POOL_BYTES(8, 4) / sizeof(uint32_t)];
volatile bool stopping = false;
volatile uint32_t timer_fires = 0;
volatile uint32_t calls = 0, isr_calls = 0;
volatile int worker_done[kWorkers];

uint32_t rng_state = C_API_FUZZ_SEED;
// Shared by the tasks and the interrupt: a race only changes which numbers come out.
uint32_t next_random() {
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}
uint32_t pick(uint32_t n) { return next_random() % n; }

bool is_code(int r) { return r <= OS_OK && r >= OS_ERROR_NO_MEMORY; }
void expect_code(int r, int op) {
    if (!is_code(r)) {
        CHECK_EQ(r, 0);
        print("  op %d returned %d\r\n", op, r);
    }
}

template <typename T>
T* maybe_null(T* p) {
    return pick(16) == 0 ? nullptr : p;
}

uint32_t timeout() {
    static const uint32_t choices[] = {OS_NO_WAIT, 1, 2, 5, OS_WAIT_FOREVER};
    return stopping ? OS_NO_WAIT : choices[pick(5)];
}

void fire(void*) { timer_fires = timer_fires + 1; }

constexpr int kOps = 34;
int call_one(int op, void** blocks) {
    uint32_t v = next_random(), out = 0;
    mutex_t* m = maybe_null(&mutexes[pick(2)]);
    semaphore_t* s = maybe_null(&sems[pick(2)]);
    tcb_t* t = maybe_null(&worker_tcb[pick(kWorkers)]);
    switch (op) {
        case 0: return os_mutex_lock(m, timeout());
        case 1: return os_mutex_unlock(m);
        case 2: return m == &mutexes[1] ? os_mutex_init_recursive(m) : os_mutex_init(m);
        case 3: return os_mutex_delete(m);
        case 4: return os_semaphore_wait(s, timeout());
        case 5: return os_semaphore_post(s);
        case 6: return s == &sems[1] ? os_semaphore_init_max(s, pick(2), 1) : os_semaphore_init(s, pick(3));
        case 7: return os_semaphore_delete(s);
        case 8: return os_cond_wait(maybe_null(&cond), m, timeout());
        case 9: return pick(2) ? os_cond_signal(maybe_null(&cond)) : os_cond_broadcast(&cond);
        case 10: return pick(4) ? os_cond_init(&cond) : os_cond_delete(&cond);
        case 11: return os_event_group_set_bits(maybe_null(&events), 1u << pick(4));
        case 12: return os_event_group_clear_bits(maybe_null(&events), 1u << pick(4));
        case 13:
            return os_event_group_wait_bits(maybe_null(&events), 1u + pick(15), pick(8), &out,
                                            timeout());
        case 14: return os_event_group_sync(&events, 1u << pick(4), 3, nullptr, timeout());
        case 15: return pick(4) ? os_event_group_init(&events) : os_event_group_delete(&events);
        case 16: return os_queue_send(maybe_null(&queue), &v, timeout());
        case 17: return os_queue_send_to_front(&queue, maybe_null(&v), timeout());
        case 18: return os_queue_receive(maybe_null(&queue), &out, timeout());
        case 19: return os_queue_peek(&queue, &out, timeout());
        case 20:
            return pick(4) ? os_queue_init(&queue, queue_buf, sizeof(uint32_t), 3)
                           : os_queue_delete(&queue);
        case 21:
            return os_timer_create(&timer, "fz", pick(2) ? TIMER_ONE_SHOT : TIMER_AUTO_RELOAD,
                                   1 + pick(4), fire, nullptr);
        case 22: return pick(2) ? os_timer_start(&timer) : os_timer_stop(&timer);
        case 23: return pick(2) ? os_timer_reset(&timer) : os_timer_change_period(&timer, pick(5));
        case 24: {
            int slot = int(pick(2));
            if (blocks[slot] == nullptr) {
                blocks[slot] = os_pool_alloc(&pool);
                return OS_OK;
            }
            int r = os_pool_free(&pool, blocks[slot]);
            if (pick(4)) blocks[slot] = nullptr;  // sometimes free it again next time
            return r;
        }
        case 25: return os_task_suspend(t);
        case 26: return os_task_resume(t);
        case 27: return os_task_set_priority(t, static_cast<uint8_t>(PRIORITY_NORMAL + pick(3)));
        case 28: return os_task_delay(pick(3));
        case 29: return os_task_yield();
        case 30: {
            if (pick(8) != 0 || t == nullptr) {
                (void)os_task_get_priority(t);
                return OS_OK;
            }
            return os_task_delete(t);  // another worker, or this one
        }
        case 31: {
            void* p = os_malloc(pick(64));
            os_free(p);
            return os_heap_check() ? OS_OK : 1;  // 1: not a code, reported
        }
        case 32: return os_start();
        default: {
            task_stats_t st;
            return os_task_get_stats(t, &st);
        }
    }
}

void worker(void* param) {
    int id = static_cast<int>(reinterpret_cast<uintptr_t>(param));
    void* blocks[2] = {nullptr, nullptr};
    while (!stopping) {
        int op = static_cast<int>(pick(kOps));
        int r = call_one(op, blocks);
        if (op == 32) CHECK_EQ(r, OS_ERROR_WRONG_CONTEXT);
        expect_code(r, op);
        calls = calls + 1;
        if (os_semaphore_get_count(&sems[1]) > 1) CHECK(false);  // binary stays binary
        if (os_queue_count(&queue) > 3) CHECK(false);
        if (os_pool_available(&pool) > 4) CHECK(false);
    }
    // Stopping: give back whatever this worker holds, so nobody waits on it.
    for (int i = 0; i < 2; ++i) {
        while (os_mutex_unlock(&mutexes[i]) == OS_OK) {
        }
        if (blocks[i] != nullptr) os_pool_free(&pool, blocks[i]);
    }
    worker_done[id] = 1;
}

// From the interrupt: the _from_isr calls and the pool may work; the rest must refuse.
void isr_calls_some() {
    uint32_t v = next_random(), out = 0;
    for (int i = 0; i < 4; ++i) {
        int r;
        switch (pick(12)) {
            case 0: r = os_semaphore_post_from_isr(&sems[pick(2)]); break;
            case 1: r = os_queue_send_from_isr(&queue, &v); break;
            case 2: r = os_queue_receive_from_isr(&queue, &out); break;
            case 3: r = os_event_group_set_bits_from_isr(&events, 1u << pick(4)); break;
            case 4: r = os_timer_start_from_isr(&timer); break;
            case 5: {
                void* b = os_pool_alloc(&pool);
                r = b != nullptr ? os_pool_free(&pool, b) : OS_OK;
                break;
            }
            case 6: r = os_mutex_lock(&mutexes[pick(2)], OS_NO_WAIT); goto task_only;
            case 7: r = os_semaphore_wait(&sems[pick(2)], OS_NO_WAIT); goto task_only;
            case 8: r = os_task_delay(1); goto task_only;
            case 9: r = os_task_suspend(&worker_tcb[pick(kWorkers)]); goto task_only;
            case 10: r = os_semaphore_init(&sems[0], 0); goto task_only;
            default: r = os_queue_send(&queue, &v, OS_NO_WAIT); goto task_only;
            task_only:
                if (r != OS_ERROR_WRONG_CONTEXT) {
                    CHECK_EQ(r, OS_ERROR_WRONG_CONTEXT);
                }
                break;
        }
        expect_code(r, 100);
        isr_calls = isr_calls + 1;
    }
}

void start_worker(int i) {
    worker_done[i] = 0;
    CHECK_EQ(os_task_create(&worker_tcb[i], "fz", worker, reinterpret_cast<void*>(uintptr_t(i)),
                            static_cast<uint8_t>(PRIORITY_NORMAL + i)),
             OS_OK);
}

bool alive(tcb_t* t) {
    task_stats_t st;
    return os_task_get_stats(t, &st) == OS_OK;
}

void driver(void*) {
    os_mutex_init(&mutexes[0]);
    os_mutex_init_recursive(&mutexes[1]);
    os_semaphore_init(&sems[0], 1);
    os_semaphore_init_max(&sems[1], 1, 1);
    os_cond_init(&cond);
    os_event_group_init(&events);
    os_queue_init(&queue, queue_buf, sizeof(uint32_t), 3);
    os_timer_create(&timer, "fz", TIMER_AUTO_RELOAD, 3, fire, nullptr);
    os_pool_init(&pool, pool_buf, 8, 4);
    port::irq_attach(6, isr_calls_some);
    for (int i = 0; i < kWorkers; ++i) start_worker(i);
    uint32_t restarts = 0;
    for (int round = 0; round < C_API_FUZZ_ROUNDS; ++round) {
        for (int k = 0; k < 5; ++k) {
            os_task_delay_ms(5);
            port::irq_trigger(6);
        }
        for (int i = 0; i < kWorkers; ++i) {
            if (!alive(&worker_tcb[i])) {  // deleted by a worker: a new one in its place
                start_worker(i);
                ++restarts;
            } else {
                os_task_resume(&worker_tcb[i]);  // nobody stays suspended for long
            }
        }
    }
    // The end: stop, then delete every object, which releases every wait on it.
    stopping = true;
    os_timer_stop(&timer);
    for (int pass = 0; pass < 3; ++pass) {
        for (int i = 0; i < kWorkers; ++i) os_task_resume(&worker_tcb[i]);
        os_mutex_delete(&mutexes[0]);
        os_mutex_delete(&mutexes[1]);
        os_semaphore_delete(&sems[0]);
        os_semaphore_delete(&sems[1]);
        os_cond_delete(&cond);
        os_event_group_delete(&events);
        os_queue_delete(&queue);
        os_task_delay_ms(20);
    }
    int left = 0;
    for (int i = 0; i < kWorkers; ++i) {
        task_stats_t st;
        if (os_task_get_stats(&worker_tcb[i], &st) == OS_OK) {
            ++left;
            print("  worker %d left %s\r\n", i, os_task_state_name(st.state));
        }
    }
    CHECK_EQ(left, 0);
    CHECK_EQ(os_heap_check(), 1);
    CHECK(calls > 1000);
    CHECK(isr_calls > 100);
    print("c_api_fuzz: seed %u, %u task calls, %u interrupt calls, %u workers replaced\r\n",
          unsigned(C_API_FUZZ_SEED), unsigned(calls), unsigned(isr_calls), unsigned(restarts));
    test::finish();
}

}  // namespace

int main() {
    test::test_name = "c_api_fuzz";
    CHECK_EQ(os_task_create(&driver_tcb, "driver", driver, nullptr, PRIORITY_HIGH), OS_OK);
    os_start();
}
