// ./tern demo: tasks of several priorities on an emulated board.
//  - "sensor" (priority 20) samples every 50 ms on a fixed grid (delay_until) and sends
//    each reading to a queue;
//  - "logger" (priority 10) receives readings and prints them;
//  - "alarm" (priority 30) waits on a semaphore given by an interrupt handler, and
//    preempts whoever runs the moment the interrupt fires;
//  - "worker-a" and "worker-b" (priority 2) compute without ever blocking and share
//    what CPU is left in round-robin time slices.
// After two seconds of (virtual, exact) time it prints a task table and exits.
#include "tern/kernel.hpp"
#include "tern/queue.hpp"
#include "tern/semaphore.hpp"

using namespace tern;

namespace {

struct Reading {
    uint32_t seq;
    Tick at;
    uint32_t value;
};

Task sensor, logger, alarm, worker_a, worker_b, reporter;
Stack<1024> sensor_stack, logger_stack, alarm_stack, worker_a_stack, worker_b_stack;
Stack<2048> reporter_stack;
Reading readings_storage[4];
Queue readings;
Semaphore alarm_sem{0};
volatile uint32_t work_done[2];

void sensor_main(void*) {
    Tick last = now();
    for (uint32_t seq = 1;; ++seq) {
        delay_until(last, ms_to_ticks(50));
        Reading r{seq, now(), (seq * 7919u) % 1000u};
        readings.send(&r, no_wait);
        if (seq % 8 == 0) port::irq_trigger(0);  // every 400 ms, a "button press"
    }
}

void logger_main(void*) {
    Reading r;
    for (;;) {
        if (readings.receive(&r) != Result::ok) continue;
        if (r.seq % 4 == 0) {
            print("[%5u ms] logger   reading #%u = %u (workers: %u / %u)\r\n",
                  unsigned(ticks_to_ms(r.at)), unsigned(r.seq), unsigned(r.value),
                  unsigned(work_done[0]), unsigned(work_done[1]));
        }
    }
}

void on_button() { alarm_sem.give_from_isr(); }

void alarm_main(void*) {
    for (;;) {
        alarm_sem.take();
        print("[%5u ms] ALARM    interrupt handled at priority %u, preempting the rest\r\n",
              unsigned(ticks_to_ms(now())), unsigned(task_self()->priority));
    }
}

void worker_main(void* arg) {
    volatile uint32_t& done = work_done[reinterpret_cast<uintptr_t>(arg)];
    for (;;) {
        uint32_t x = done;
        for (int i = 0; i < 200; ++i) x = x * 1103515245u + 12345u;
        done = done + 1 + (x & 0);
    }
}

void reporter_main(void*) {
    delay(ms_to_ticks(2000));
    print("\r\n%-10s %-9s %4s %6s %12s\r\n", "task", "state", "prio", "cpu%", "stack used");
    for (uint32_t i = 0;; ++i) {
        Task* t = task_at(i);
        if (t == nullptr) break;
        TaskStats s;
        task_get_stats(*t, s);
        print("%-10s %-9s %4u %3u.%u%% %5u / %-5u\r\n", s.name, task_state_name(s.state),
              unsigned(s.priority), unsigned(s.cpu_permille / 10), unsigned(s.cpu_permille % 10),
              unsigned(s.stack_high_water), unsigned(s.stack_bytes));
    }
    SystemStats st;
    system_stats(st);
    print("\r\nuptime %u ms, %u context switches, idle %u.%u%%\r\n",
          unsigned(ticks_to_ms(st.uptime_ticks)), unsigned(st.context_switches),
          unsigned(st.idle_permille / 10), unsigned(st.idle_permille % 10));
    print("demo: done\r\n");
    port::exit(0);
}

}  // namespace

int main() {
    print("\r\ntern demo: five tasks, three priorities, one interrupt\r\n\r\n");
    readings.init(readings_storage, sizeof(Reading), 4);
    port::irq_attach(0, on_button);
    task_create(sensor, "sensor", sensor_main, nullptr, 20, sensor_stack);
    task_create(logger, "logger", logger_main, nullptr, 10, logger_stack);
    task_create(alarm, "alarm", alarm_main, nullptr, 30, alarm_stack);
    task_create(worker_a, "worker-a", worker_main, reinterpret_cast<void*>(0), 2, worker_a_stack);
    task_create(worker_b, "worker-b", worker_main, reinterpret_cast<void*>(1), 2, worker_b_stack);
    task_create(reporter, "reporter", reporter_main, nullptr, 40, reporter_stack);
    start();
}
