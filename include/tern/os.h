/* The seed's C API: os_* functions over the tern C++ kernel, usable from C and C++.
 *
 * Conventions
 *  - Every call that can fail returns an os_error_t (OS_OK = 0, errors negative).
 *  - Timeouts of the sync/queue calls are in milliseconds (rounded up to whole ticks):
 *    OS_NO_WAIT (0) polls and returns OS_ERROR_WOULD_BLOCK, OS_WAIT_FOREVER never
 *    times out. os_task_delay() counts ticks, os_task_delay_ms() milliseconds.
 *  - Priorities: 0 (idle) .. 255, higher numbers run first (PRIORITY_* below; they assume
 *    the default 256 levels: a kernel built with fewer refuses the larger ones).
 *  - Objects (tcb_t, mutex_t, ...) are plain storage the caller allocates, statically or
 *    on a stack that outlives their use; *_init / os_task_create set them up.
 *  - From an interrupt, only the *_from_isr calls, os_pool_alloc/free, the getters and
 *    os_timer_start_from_isr may be used; anything else returns OS_ERROR_WRONG_CONTEXT
 *    (os_malloc returns NULL) and changes nothing. See docs/kernel-services.md.
 *  - Before os_start() there is no calling task: what needs one (delay, yield, a wait
 *    that would block, mutex lock/unlock, delete/suspend/set_priority of NULL) returns
 *    OS_ERROR_WRONG_CONTEXT. Creating tasks and objects, posting, sending and polling work.
 *  - *_init of a mutex, semaphore, condition variable, event group or queue that a task
 *    is waiting on (or, for a mutex, holds) returns OS_ERROR_INVALID and changes nothing:
 *    delete it first (its waiters wake with OS_ERROR_DELETED). os_timer_create on a
 *    running timer stops it first.
 */
#ifndef TERN_OS_H
#define TERN_OS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- results, timeouts, priorities ------------------------------------------------ */

typedef enum {
    OS_OK = 0,
    OS_ERROR_TIMEOUT = -1,       /* the wait's time ran out */
    OS_ERROR_WOULD_BLOCK = -2,   /* a poll (OS_NO_WAIT) found nothing to take / no room */
    OS_ERROR_INVALID = -3,       /* bad argument, or an object in the wrong state */
    OS_ERROR_WRONG_CONTEXT = -4, /* not callable from here (an interrupt, or before start) */
    OS_ERROR_DELETED = -5,       /* the object was deleted while waiting */
    OS_ERROR_NO_MEMORY = -6      /* no free task slot / heap / pool block */
} os_error_t;
#define OS_ERROR_INVALID_PARAM OS_ERROR_INVALID

#define OS_NO_WAIT 0u
#define OS_WAIT_FOREVER 0xFFFFFFFFu

#define PRIORITY_IDLE 0
#define PRIORITY_LOWEST 1
#define PRIORITY_LOW 64
#define PRIORITY_NORMAL 128
#define PRIORITY_HIGH 192
#define PRIORITY_HIGHEST 250
#define PRIORITY_CRITICAL 255 /* above the timer-service task (254) */

/* Opaque storage for the C++ objects; sizes are checked at build time. */
#if UINTPTR_MAX > 0xFFFFFFFFu
#define TERN_OS_TCB_WORDS 128 /* 64-bit host port: a task carries a thread */
#else
#define TERN_OS_TCB_WORDS 32
#endif
#define TERN_OS_STORAGE(words) \
    struct {                   \
        uintptr_t opaque_[words]; \
    }

typedef TERN_OS_STORAGE(TERN_OS_TCB_WORDS) tcb_t;
typedef TERN_OS_STORAGE(4) mutex_t;
typedef TERN_OS_STORAGE(3) semaphore_t;
typedef TERN_OS_STORAGE(2) cond_var_t;
typedef TERN_OS_STORAGE(3) event_group_t;
typedef TERN_OS_STORAGE(10) queue_t;
typedef TERN_OS_STORAGE(8) os_timer_t;
typedef TERN_OS_STORAGE(6) os_pool_t;

/* ---- kernel ------------------------------------------------------------------------ */

void os_init(void);
os_error_t os_start(void); /* starts the scheduler and never returns; a second call from a
                            * task, or one from an interrupt: OS_ERROR_WRONG_CONTEXT */
uint32_t os_get_tick_count(void);
uint32_t os_get_time_ms(void);
int os_in_isr(void);
/* Console output (the kernel's small printf: %d %i %u %x %X %c %s %p %%). */
int os_printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the program (the semihosting exit on a board, exit() on the host). */
void os_exit(int status) __attribute__((noreturn));

/* ---- tasks ------------------------------------------------------------------------- */

typedef void (*os_task_func_t)(void* param);

typedef enum {
    TASK_DELETED = 0,
    TASK_READY,
    TASK_BLOCKED,
    TASK_SUSPENDED,
    TASK_FAULTED
} task_state_t;

typedef struct {
    const char* name;
    task_state_t state;
    uint8_t priority;          /* effective (raised by priority inheritance) */
    uint8_t base_priority;
    uint32_t cpu_permille;     /* share of CPU since boot, 1/1000 */
    uint32_t stack_size;       /* bytes */
    uint32_t stack_high_water; /* most stack ever used, bytes */
} task_stats_t;

typedef struct {
    uint32_t uptime_ms;
    uint32_t uptime_ticks;
    uint32_t context_switches;
    uint32_t idle_permille;
    uint32_t task_count;
} system_stats_t;

/* A task with a stack from the C API's static pool (TERN_CFG_OS_MAX_TASKS stacks of
 * TERN_CFG_OS_STACK_BYTES): OS_ERROR_NO_MEMORY when all are in use. */
os_error_t os_task_create(tcb_t* tcb, const char* name, os_task_func_t entry, void* param,
                          uint8_t priority);
/* The same with a caller-supplied stack. */
os_error_t os_task_create_static(tcb_t* tcb, const char* name, os_task_func_t entry, void* param,
                                 uint8_t priority, void* stack, size_t stack_bytes);
os_error_t os_task_delete(tcb_t* task); /* NULL: the caller */
os_error_t os_task_suspend(tcb_t* task);
os_error_t os_task_resume(tcb_t* task);
os_error_t os_task_yield(void);
os_error_t os_task_delay(uint32_t ticks); /* 0: yield */
os_error_t os_task_delay_ms(uint32_t ms);
os_error_t os_task_set_priority(tcb_t* task, uint8_t priority);
uint8_t os_task_get_priority(tcb_t* task);
tcb_t* os_task_self(void);
os_error_t os_task_get_stats(tcb_t* task, task_stats_t* stats);
os_error_t os_task_get_stats_by_index(uint32_t index, task_stats_t* stats);
tcb_t* os_task_find_by_name(const char* name);
const char* os_task_state_name(task_state_t state);
void os_get_system_stats(system_stats_t* stats);

/* ---- mutexes (priority inheritance) and condition variables ------------------------ */

os_error_t os_mutex_init(mutex_t* mutex);           /* relocking: OS_ERROR_INVALID */
os_error_t os_mutex_init_recursive(mutex_t* mutex); /* counts nested locks */
os_error_t os_mutex_lock(mutex_t* mutex, uint32_t timeout_ms);
os_error_t os_mutex_unlock(mutex_t* mutex);
os_error_t os_mutex_delete(mutex_t* mutex);

os_error_t os_cond_init(cond_var_t* cond);
os_error_t os_cond_wait(cond_var_t* cond, mutex_t* mutex, uint32_t timeout_ms);
os_error_t os_cond_signal(cond_var_t* cond);
os_error_t os_cond_broadcast(cond_var_t* cond);
os_error_t os_cond_delete(cond_var_t* cond);

/* ---- semaphores ---------------------------------------------------------------------- */

os_error_t os_semaphore_init(semaphore_t* sem, uint32_t count); /* counting, no maximum */
os_error_t os_semaphore_init_max(semaphore_t* sem, uint32_t count, uint32_t max); /* 1: binary */
os_error_t os_semaphore_wait(semaphore_t* sem, uint32_t timeout_ms);
os_error_t os_semaphore_post(semaphore_t* sem);
os_error_t os_semaphore_post_from_isr(semaphore_t* sem);
uint32_t os_semaphore_get_count(semaphore_t* sem);
os_error_t os_semaphore_delete(semaphore_t* sem);

/* ---- event groups -------------------------------------------------------------------- */

#define EVENT_WAIT_ANY 0x00u       /* OR: any of the bits */
#define EVENT_WAIT_ALL 0x01u       /* AND: all of the bits */
#define EVENT_WAIT_CLEAR 0x02u     /* NOT: wait for the bits to be clear (with ANY / ALL) */
#define EVENT_CLEAR_ON_EXIT 0x04u  /* clear the awaited bits when a set-wait succeeds */

os_error_t os_event_group_init(event_group_t* eg);
os_error_t os_event_group_set_bits(event_group_t* eg, uint32_t bits);
os_error_t os_event_group_set_bits_from_isr(event_group_t* eg, uint32_t bits);
os_error_t os_event_group_clear_bits(event_group_t* eg, uint32_t bits);
uint32_t os_event_group_get_bits(event_group_t* eg);
/* out (may be NULL): the bits when the condition was met (or at the timeout). */
os_error_t os_event_group_wait_bits(event_group_t* eg, uint32_t bits, uint32_t opts,
                                    uint32_t* out, uint32_t timeout_ms);
/* Barrier (SYNC): sets set_bits, then waits until all wait_bits are set; the last task to
 * arrive releases all at once and the wait_bits are cleared. */
os_error_t os_event_group_sync(event_group_t* eg, uint32_t set_bits, uint32_t wait_bits,
                               uint32_t* out, uint32_t timeout_ms);
os_error_t os_event_group_delete(event_group_t* eg);

/* ---- message queues ------------------------------------------------------------------ */

/* buf holds max items of item_size bytes. */
os_error_t os_queue_init(queue_t* q, void* buf, uint32_t item_size, uint32_t max);
os_error_t os_queue_send(queue_t* q, const void* item, uint32_t timeout_ms);
os_error_t os_queue_send_to_front(queue_t* q, const void* item, uint32_t timeout_ms);
os_error_t os_queue_receive(queue_t* q, void* item, uint32_t timeout_ms);
os_error_t os_queue_peek(queue_t* q, void* item, uint32_t timeout_ms);
os_error_t os_queue_send_from_isr(queue_t* q, const void* item);
os_error_t os_queue_receive_from_isr(queue_t* q, void* item);
uint32_t os_queue_count(queue_t* q);
os_error_t os_queue_delete(queue_t* q);

/* ---- software timers ----------------------------------------------------------------- */

typedef enum { TIMER_ONE_SHOT = 0, TIMER_AUTO_RELOAD = 1 } os_timer_type_t;
#define OS_TIMER_ONE_SHOT TIMER_ONE_SHOT
#define OS_TIMER_AUTO_RELOAD TIMER_AUTO_RELOAD
typedef void (*os_timer_callback_t)(void* param);

/* Callbacks run in the timer-service task. Created stopped. */
os_error_t os_timer_create(os_timer_t* timer, const char* name, os_timer_type_t type,
                           uint32_t period_ms, os_timer_callback_t callback, void* param);
os_error_t os_timer_start(os_timer_t* timer);
os_error_t os_timer_start_from_isr(os_timer_t* timer);
os_error_t os_timer_stop(os_timer_t* timer);
os_error_t os_timer_reset(os_timer_t* timer);
/* A running timer restarts from now with the new period. */
os_error_t os_timer_change_period(os_timer_t* timer, uint32_t period_ms);
uint32_t os_timer_get_remaining_ms(os_timer_t* timer); /* 0 when stopped */
int os_timer_is_active(os_timer_t* timer);

/* ---- memory -------------------------------------------------------------------------- */

typedef struct {
    uint32_t total;
    uint32_t used;
    uint32_t free;
    uint32_t largest_free;
    uint32_t alloc_count;
    uint32_t free_count;
    uint32_t free_blocks;
} heap_stats_t;

void* os_malloc(size_t size); /* 8-byte aligned; NULL when it does not fit */
void os_free(void* ptr);      /* NULL and foreign pointers are ignored */
int os_heap_check(void);      /* 1 when the heap's structure is intact */
void os_get_heap_stats(heap_stats_t* stats);
void os_get_memory_stats(uint32_t* free_bytes, uint32_t* used_bytes, uint32_t* allocs,
                         uint32_t* frees);

/* Fixed-block pools: O(1), also from interrupts. buf: count blocks of block_size rounded up
 * to the pointer size (OS_POOL_BYTES). */
#define OS_POOL_BYTES(block_size, count) \
    ((((block_size) + sizeof(void*) - 1) / sizeof(void*)) * sizeof(void*) * (count))
os_error_t os_pool_init(os_pool_t* pool, void* buf, uint32_t block_size, uint32_t count);
void* os_pool_alloc(os_pool_t* pool);
os_error_t os_pool_free(os_pool_t* pool, void* block);
uint32_t os_pool_available(os_pool_t* pool);

#ifdef __cplusplus
}
#endif

#endif /* TERN_OS_H */
