// The seed's C API (include/tern/os.h) over the C++ kernel: thin wrappers that convert
// milliseconds to ticks and Result to os_error_t, over objects living in the caller's
// opaque storage.
#include "tern/os.h"

#include <string.h>

#include "tern/config_services.hpp"
#include "tern/event_group.hpp"
#include "tern/kernel.hpp"
#include "tern/memory.hpp"
#include "tern/mutex.hpp"
#include "tern/queue.hpp"
#include "tern/semaphore.hpp"
#include "tern/timer.hpp"

// Construction in place without <new>: a placement form of our own, told apart by a tag.
namespace tern::capi {
struct Place {};
}  // namespace tern::capi
inline void* operator new(size_t, void* p, tern::capi::Place) noexcept { return p; }

using namespace tern;

namespace {

template <typename Obj, typename Storage>
constexpr bool fits() {
    return sizeof(Obj) <= sizeof(Storage) && alignof(Obj) <= alignof(Storage);
}
static_assert(fits<Task, tcb_t>(), "tcb_t too small for this port's Task");
static_assert(fits<Mutex, mutex_t>(), "mutex_t too small");
static_assert(fits<Semaphore, semaphore_t>(), "semaphore_t too small");
static_assert(fits<CondVar, cond_var_t>(), "cond_var_t too small");
static_assert(fits<EventGroup, event_group_t>(), "event_group_t too small");
static_assert(fits<Queue, queue_t>(), "queue_t too small");
static_assert(fits<Timer, os_timer_t>(), "os_timer_t too small");
static_assert(fits<BlockPool, os_pool_t>(), "os_pool_t too small");
static_assert(static_cast<int>(Result::timeout) == OS_ERROR_TIMEOUT &&
              static_cast<int>(Result::would_block) == OS_ERROR_WOULD_BLOCK &&
              static_cast<int>(Result::invalid) == OS_ERROR_INVALID &&
              static_cast<int>(Result::wrong_context) == OS_ERROR_WRONG_CONTEXT &&
              static_cast<int>(Result::deleted) == OS_ERROR_DELETED &&
              static_cast<int>(Result::no_memory) == OS_ERROR_NO_MEMORY,
              "os_error_t mirrors tern::Result");

inline os_error_t err(Result r) { return static_cast<os_error_t>(static_cast<int>(r)); }

Tick timeout_ticks(uint32_t ms) {
    if (ms == OS_WAIT_FOREVER) return forever;
    uint64_t t = (static_cast<uint64_t>(ms) * config::tick_hz + 999) / 1000;
    return t >= forever ? forever - 1 : static_cast<Tick>(t);
}

template <typename T, typename S>
T* obj(S* s) {
    return reinterpret_cast<T*>(s);
}
inline Task* task_of(tcb_t* t) { return reinterpret_cast<Task*>(t); }
inline tcb_t* tcb_of(Task* t) { return reinterpret_cast<tcb_t*>(t); }

// Stacks for os_task_create, each remembered with the control block that used it last.
Stack<config::os_stack_bytes> stacks[config::os_max_tasks];
Task* stack_owner[config::os_max_tasks];

bool live(Task* t) {
    for (uint32_t i = 0; Task* x = task_at(i); ++i) {
        if (x == t) return true;
    }
    return false;
}

task_state_t state_of(TaskState s) {
    switch (s) {
        case TaskState::ready: return TASK_READY;
        case TaskState::blocked: return TASK_BLOCKED;
        case TaskState::suspended: return TASK_SUSPENDED;
        case TaskState::faulted: return TASK_FAULTED;
        case TaskState::deleted: return TASK_DELETED;
    }
    return TASK_DELETED;
}

void fill_stats(const Task& t, task_stats_t* out) {
    TaskStats st;
    task_get_stats(t, st);
    out->name = st.name;
    out->state = state_of(st.state);
    out->priority = st.priority;
    out->base_priority = st.base_priority;
    out->cpu_permille = st.cpu_permille;
    out->stack_size = st.stack_bytes;
    out->stack_high_water = st.stack_high_water;
}

// A task-only call made before os_start() (there is no calling task yet) or from an
// interrupt: answered OS_ERROR_WRONG_CONTEXT without touching anything.
inline bool not_from_a_task() { return !started() || port::in_isr(); }

// *_init on storage that a live task waits on (or, for a mutex, holds) would strand that
// task: its wait queue would be wiped under it. Such a re-init is refused with
// OS_ERROR_INVALID and changes nothing; delete the object first (its waiters wake with
// OS_ERROR_DELETED), then init it. Storage never used is told apart without reading it:
// storage_in_use() looks only at the tasks. Returns OS_OK with interrupts still masked
// (`saved`) so that the caller constructs the object before any task can start waiting.
template <typename Storage>
os_error_t begin_init(Storage* storage, port::IrqState* saved) {
    if (storage == nullptr) return OS_ERROR_INVALID;
    if (port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    *saved = port::irq_save();
    if (storage_in_use(storage, sizeof *storage)) {
        port::irq_restore(*saved);
        return OS_ERROR_INVALID;
    }
    return OS_OK;
}

}  // namespace

extern "C" {

// ---- kernel ----------------------------------------------------------------------------

void os_init(void) {}
os_error_t os_start(void) {
    if (started() || port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    start();
}
uint32_t os_get_tick_count(void) { return now(); }
uint32_t os_get_time_ms(void) { return ticks_to_ms(now()); }
int os_in_isr(void) { return port::in_isr() ? 1 : 0; }

int os_printf(const char* fmt, ...) {
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= sizeof buf) n = sizeof buf - 1;
    port::console_write(buf, n);
    return static_cast<int>(n);
}

void os_exit(int status) { port::exit(status); }

// ---- tasks -----------------------------------------------------------------------------

os_error_t os_task_create_static(tcb_t* tcb, const char* name, os_task_func_t entry, void* param,
                                 uint8_t priority, void* stack, size_t stack_bytes) {
    if (tcb == nullptr) return OS_ERROR_INVALID;
    Task* t = task_of(tcb);
    if (port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    if (live(t)) return OS_ERROR_INVALID;
    bool known = false;
    for (uint32_t i = 0; i < config::os_max_tasks; ++i) known = known || stack_owner[i] == t;
    // Storage never used for a task may hold anything: start from zero. A control block
    // used before keeps what the port needs to release (the host port's thread).
    if (!known) memset(tcb, 0, sizeof(Task));
    return err(task_create(*t, name, entry, param, priority, stack, stack_bytes));
}

os_error_t os_task_create(tcb_t* tcb, const char* name, os_task_func_t entry, void* param,
                          uint8_t priority) {
    if (tcb == nullptr || entry == nullptr) return OS_ERROR_INVALID;
    if (port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    Task* t = task_of(tcb);
    if (live(t)) return OS_ERROR_INVALID;
    // The slot this control block had, else one whose task is gone (and not running:
    // a task that deleted itself may still be on its stack until the next switch).
    int slot = -1;
    for (uint32_t i = 0; i < config::os_max_tasks && slot < 0; ++i) {
        if (stack_owner[i] == t) slot = static_cast<int>(i);
    }
    for (uint32_t i = 0; i < config::os_max_tasks && slot < 0; ++i) {
        Task* o = stack_owner[i];
        if (o == nullptr || (o->state == TaskState::deleted && o != task_self() && !live(o))) {
            if (o != nullptr) port::task_release(*o);
            slot = static_cast<int>(i);
        }
    }
    if (slot < 0) return OS_ERROR_NO_MEMORY;
    bool known = stack_owner[slot] == t;
    if (!known) memset(tcb, 0, sizeof(Task));
    stack_owner[slot] = t;
    Stack<config::os_stack_bytes>& s = stacks[slot];
    return err(task_create(*t, name, entry, param, priority, s.data(), s.size()));
}

os_error_t os_task_delete(tcb_t* task) { return err(task_delete(task_of(task))); }
os_error_t os_task_suspend(tcb_t* task) { return err(task_suspend(task_of(task))); }
os_error_t os_task_resume(tcb_t* task) {
    return task == nullptr ? OS_ERROR_INVALID : err(task_resume(task_of(task)));
}
os_error_t os_task_yield(void) { return err(yield()); }
os_error_t os_task_delay(uint32_t ticks) { return err(delay(ticks)); }
os_error_t os_task_delay_ms(uint32_t ms) { return err(delay(timeout_ticks(ms))); }
os_error_t os_task_set_priority(tcb_t* task, uint8_t priority) {
    return err(task_set_priority(task_of(task), priority));
}
uint8_t os_task_get_priority(tcb_t* task) {
    Task* t = task != nullptr ? task_of(task) : task_self();
    return t != nullptr ? t->priority : 0;
}
tcb_t* os_task_self(void) { return tcb_of(task_self()); }

os_error_t os_task_get_stats(tcb_t* task, task_stats_t* stats) {
    Task* t = task != nullptr ? task_of(task) : task_self();
    if (t == nullptr || stats == nullptr || !live(t)) return OS_ERROR_INVALID;
    fill_stats(*t, stats);
    return OS_OK;
}

os_error_t os_task_get_stats_by_index(uint32_t index, task_stats_t* stats) {
    Task* t = task_at(index);
    if (t == nullptr || stats == nullptr) return OS_ERROR_INVALID;
    fill_stats(*t, stats);
    return OS_OK;
}

tcb_t* os_task_find_by_name(const char* name) { return tcb_of(task_find(name)); }

const char* os_task_state_name(task_state_t state) {
    switch (state) {
        case TASK_READY: return task_state_name(TaskState::ready);
        case TASK_BLOCKED: return task_state_name(TaskState::blocked);
        case TASK_SUSPENDED: return task_state_name(TaskState::suspended);
        case TASK_FAULTED: return task_state_name(TaskState::faulted);
        case TASK_DELETED: return task_state_name(TaskState::deleted);
    }
    return "?";
}

void os_get_system_stats(system_stats_t* stats) {
    if (stats == nullptr) return;
    SystemStats st;
    system_stats(st);
    stats->uptime_ticks = st.uptime_ticks;
    stats->uptime_ms = ticks_to_ms(st.uptime_ticks);
    stats->context_switches = st.context_switches;
    stats->idle_permille = st.idle_permille;
    stats->task_count = st.task_count;
}

// ---- mutexes and condition variables --------------------------------------------------

os_error_t os_mutex_init(mutex_t* mutex) {
    port::IrqState s;
    os_error_t e = begin_init(mutex, &s);
    if (e != OS_OK) return e;
    new (mutex, capi::Place{}) Mutex();
    port::irq_restore(s);
    return OS_OK;
}
os_error_t os_mutex_init_recursive(mutex_t* mutex) {
    port::IrqState s;
    os_error_t e = begin_init(mutex, &s);
    if (e != OS_OK) return e;
    new (mutex, capi::Place{}) RecursiveMutex();
    port::irq_restore(s);
    return OS_OK;
}
// A mutex is owned by a task: before os_start() there is none to own it.
os_error_t os_mutex_lock(mutex_t* mutex, uint32_t timeout_ms) {
    if (mutex == nullptr) return OS_ERROR_INVALID;
    if (not_from_a_task()) return OS_ERROR_WRONG_CONTEXT;
    return err(obj<Mutex>(mutex)->lock(timeout_ticks(timeout_ms)));
}
os_error_t os_mutex_unlock(mutex_t* mutex) {
    if (mutex == nullptr) return OS_ERROR_INVALID;
    if (not_from_a_task()) return OS_ERROR_WRONG_CONTEXT;
    return err(obj<Mutex>(mutex)->unlock());
}
os_error_t os_mutex_delete(mutex_t* mutex) {
    return mutex == nullptr ? OS_ERROR_INVALID : err(obj<Mutex>(mutex)->destroy());
}

os_error_t os_cond_init(cond_var_t* cond) {
    port::IrqState s;
    os_error_t e = begin_init(cond, &s);
    if (e != OS_OK) return e;
    new (cond, capi::Place{}) CondVar();
    port::irq_restore(s);
    return OS_OK;
}
os_error_t os_cond_wait(cond_var_t* cond, mutex_t* mutex, uint32_t timeout_ms) {
    if (cond == nullptr || mutex == nullptr) return OS_ERROR_INVALID;
    return err(obj<CondVar>(cond)->wait(*obj<Mutex>(mutex), timeout_ticks(timeout_ms)));
}
os_error_t os_cond_signal(cond_var_t* cond) {
    return cond == nullptr ? OS_ERROR_INVALID : err(obj<CondVar>(cond)->signal());
}
os_error_t os_cond_broadcast(cond_var_t* cond) {
    return cond == nullptr ? OS_ERROR_INVALID : err(obj<CondVar>(cond)->broadcast());
}
os_error_t os_cond_delete(cond_var_t* cond) {
    return cond == nullptr ? OS_ERROR_INVALID : err(obj<CondVar>(cond)->destroy());
}

// ---- semaphores ------------------------------------------------------------------------

os_error_t os_semaphore_init_max(semaphore_t* sem, uint32_t count, uint32_t max) {
    if (sem == nullptr || max == 0 || count > max) return OS_ERROR_INVALID;
    port::IrqState s;
    os_error_t e = begin_init(sem, &s);
    if (e != OS_OK) return e;
    new (sem, capi::Place{}) Semaphore(count, max);
    port::irq_restore(s);
    return OS_OK;
}
os_error_t os_semaphore_init(semaphore_t* sem, uint32_t count) {
    return os_semaphore_init_max(sem, count, 0xFFFFFFFFu);
}
os_error_t os_semaphore_wait(semaphore_t* sem, uint32_t timeout_ms) {
    if (sem == nullptr) return OS_ERROR_INVALID;
    return err(obj<Semaphore>(sem)->take(timeout_ticks(timeout_ms)));
}
os_error_t os_semaphore_post(semaphore_t* sem) {
    return sem == nullptr ? OS_ERROR_INVALID : err(obj<Semaphore>(sem)->give());
}
os_error_t os_semaphore_post_from_isr(semaphore_t* sem) {
    return sem == nullptr ? OS_ERROR_INVALID : err(obj<Semaphore>(sem)->give_from_isr());
}
uint32_t os_semaphore_get_count(semaphore_t* sem) {
    return sem == nullptr ? 0 : obj<Semaphore>(sem)->count();
}
os_error_t os_semaphore_delete(semaphore_t* sem) {
    return sem == nullptr ? OS_ERROR_INVALID : err(obj<Semaphore>(sem)->destroy());
}

// ---- event groups ----------------------------------------------------------------------

os_error_t os_event_group_init(event_group_t* eg) {
    port::IrqState s;
    os_error_t e = begin_init(eg, &s);
    if (e != OS_OK) return e;
    new (eg, capi::Place{}) EventGroup();
    port::irq_restore(s);
    return OS_OK;
}
os_error_t os_event_group_set_bits(event_group_t* eg, uint32_t bits) {
    return eg == nullptr ? OS_ERROR_INVALID : err(obj<EventGroup>(eg)->set(bits));
}
os_error_t os_event_group_set_bits_from_isr(event_group_t* eg, uint32_t bits) {
    return eg == nullptr ? OS_ERROR_INVALID : err(obj<EventGroup>(eg)->set_from_isr(bits));
}
os_error_t os_event_group_clear_bits(event_group_t* eg, uint32_t bits) {
    return eg == nullptr ? OS_ERROR_INVALID : err(obj<EventGroup>(eg)->clear(bits));
}
uint32_t os_event_group_get_bits(event_group_t* eg) {
    return eg == nullptr ? 0 : obj<EventGroup>(eg)->get();
}
os_error_t os_event_group_wait_bits(event_group_t* eg, uint32_t bits, uint32_t opts,
                                    uint32_t* out, uint32_t timeout_ms) {
    if (eg == nullptr) return OS_ERROR_INVALID;
    static_assert(EVENT_WAIT_ALL == event_all && EVENT_WAIT_CLEAR == event_clear &&
                  EVENT_CLEAR_ON_EXIT == event_clear_on_exit && EVENT_WAIT_ANY == event_any);
    return err(obj<EventGroup>(eg)->wait(bits, opts, out, timeout_ticks(timeout_ms)));
}
os_error_t os_event_group_sync(event_group_t* eg, uint32_t set_bits, uint32_t wait_bits,
                               uint32_t* out, uint32_t timeout_ms) {
    if (eg == nullptr) return OS_ERROR_INVALID;
    return err(obj<EventGroup>(eg)->sync(set_bits, wait_bits, out, timeout_ticks(timeout_ms)));
}
os_error_t os_event_group_delete(event_group_t* eg) {
    return eg == nullptr ? OS_ERROR_INVALID : err(obj<EventGroup>(eg)->destroy());
}

// ---- message queues --------------------------------------------------------------------

os_error_t os_queue_init(queue_t* q, void* buf, uint32_t item_size, uint32_t max) {
    port::IrqState s;
    os_error_t e = begin_init(q, &s);
    if (e != OS_OK) return e;
    Queue* qq = new (q, capi::Place{}) Queue();
    port::irq_restore(s);
    return err(qq->init(buf, item_size, max));
}
os_error_t os_queue_send(queue_t* q, const void* item, uint32_t timeout_ms) {
    if (q == nullptr) return OS_ERROR_INVALID;
    return err(obj<Queue>(q)->send(item, timeout_ticks(timeout_ms)));
}
os_error_t os_queue_send_to_front(queue_t* q, const void* item, uint32_t timeout_ms) {
    if (q == nullptr) return OS_ERROR_INVALID;
    return err(obj<Queue>(q)->send_to_front(item, timeout_ticks(timeout_ms)));
}
os_error_t os_queue_receive(queue_t* q, void* item, uint32_t timeout_ms) {
    if (q == nullptr) return OS_ERROR_INVALID;
    return err(obj<Queue>(q)->receive(item, timeout_ticks(timeout_ms)));
}
os_error_t os_queue_peek(queue_t* q, void* item, uint32_t timeout_ms) {
    if (q == nullptr) return OS_ERROR_INVALID;
    return err(obj<Queue>(q)->peek(item, timeout_ticks(timeout_ms)));
}
os_error_t os_queue_send_from_isr(queue_t* q, const void* item) {
    return q == nullptr ? OS_ERROR_INVALID : err(obj<Queue>(q)->send_from_isr(item));
}
os_error_t os_queue_receive_from_isr(queue_t* q, void* item) {
    return q == nullptr ? OS_ERROR_INVALID : err(obj<Queue>(q)->receive_from_isr(item));
}
uint32_t os_queue_count(queue_t* q) { return q == nullptr ? 0 : obj<Queue>(q)->count(); }
os_error_t os_queue_delete(queue_t* q) {
    return q == nullptr ? OS_ERROR_INVALID : err(obj<Queue>(q)->destroy());
}

// ---- software timers -------------------------------------------------------------------

os_error_t os_timer_create(os_timer_t* timer, const char* name, os_timer_type_t type,
                           uint32_t period_ms, os_timer_callback_t callback, void* param) {
    if (timer == nullptr || period_ms == 0 || period_ms == OS_WAIT_FOREVER) return OS_ERROR_INVALID;
    if (type != TIMER_ONE_SHOT && type != TIMER_AUTO_RELOAD) return OS_ERROR_INVALID;
    if (port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    // A running timer is stopped, then re-created; masked, so that an interrupt cannot
    // start it between the two (a period of 0 refuses starts until init below).
    port::IrqState s = port::irq_save();
    (void)timer_unlink_storage(timer, sizeof *timer);
    Timer* t = new (timer, capi::Place{}) Timer();
    port::irq_restore(s);
    return err(t->init(name, type == TIMER_AUTO_RELOAD ? TimerKind::auto_reload : TimerKind::one_shot,
                       timeout_ticks(period_ms), callback, param));
}
os_error_t os_timer_start(os_timer_t* timer) {
    return timer == nullptr ? OS_ERROR_INVALID : err(obj<Timer>(timer)->start());
}
os_error_t os_timer_start_from_isr(os_timer_t* timer) {
    return timer == nullptr ? OS_ERROR_INVALID : err(obj<Timer>(timer)->start_from_isr());
}
os_error_t os_timer_stop(os_timer_t* timer) {
    return timer == nullptr ? OS_ERROR_INVALID : err(obj<Timer>(timer)->stop());
}
os_error_t os_timer_reset(os_timer_t* timer) {
    return timer == nullptr ? OS_ERROR_INVALID : err(obj<Timer>(timer)->reset());
}
os_error_t os_timer_change_period(os_timer_t* timer, uint32_t period_ms) {
    if (timer == nullptr || period_ms == 0 || period_ms == OS_WAIT_FOREVER) return OS_ERROR_INVALID;
    return err(obj<Timer>(timer)->change_period(timeout_ticks(period_ms)));
}
uint32_t os_timer_get_remaining_ms(os_timer_t* timer) {
    return timer == nullptr ? 0 : ticks_to_ms(obj<Timer>(timer)->remaining());
}
int os_timer_is_active(os_timer_t* timer) {
    return timer != nullptr && obj<Timer>(timer)->active() ? 1 : 0;
}

// ---- memory ----------------------------------------------------------------------------

void* os_malloc(size_t size) { return heap_alloc(size); }
void os_free(void* ptr) { (void)heap_free(ptr); }
int os_heap_check(void) { return heap_check() ? 1 : 0; }

void os_get_heap_stats(heap_stats_t* stats) {
    if (stats == nullptr) return;
    HeapStats st;
    heap_stats(st);
    stats->total = st.total;
    stats->used = st.used;
    stats->free = st.free;
    stats->largest_free = st.largest_free;
    stats->alloc_count = st.alloc_count;
    stats->free_count = st.free_count;
    stats->free_blocks = st.free_blocks;
}

void os_get_memory_stats(uint32_t* free_bytes, uint32_t* used_bytes, uint32_t* allocs,
                         uint32_t* frees) {
    HeapStats st;
    heap_stats(st);
    if (free_bytes != nullptr) *free_bytes = st.free;
    if (used_bytes != nullptr) *used_bytes = st.used;
    if (allocs != nullptr) *allocs = st.alloc_count;
    if (frees != nullptr) *frees = st.free_count;
}

os_error_t os_pool_init(os_pool_t* pool, void* buf, uint32_t block_size, uint32_t count) {
    if (pool == nullptr) return OS_ERROR_INVALID;
    if (port::in_isr()) return OS_ERROR_WRONG_CONTEXT;
    BlockPool* p = new (pool, capi::Place{}) BlockPool();
    return err(p->init(buf, block_size, count));
}
void* os_pool_alloc(os_pool_t* pool) {
    return pool == nullptr ? nullptr : obj<BlockPool>(pool)->alloc();
}
os_error_t os_pool_free(os_pool_t* pool, void* block) {
    return pool == nullptr ? OS_ERROR_INVALID : err(obj<BlockPool>(pool)->free(block));
}
uint32_t os_pool_available(os_pool_t* pool) {
    return pool == nullptr ? 0 : obj<BlockPool>(pool)->available();
}

}  // extern "C"
