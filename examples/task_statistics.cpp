// CPU and stack monitoring: three workers with different loads, then a table of every
// task's state, priority, CPU share and stack high-water mark, plus system and heap stats.
#include "tern/kernel.hpp"
#include "tern/memory.hpp"

using namespace tern;

namespace {
Task monitor, busy, light, sleeper;
Stack<1536> monitor_stack, busy_stack, light_stack, sleeper_stack;

void burn(uint32_t ticks) {
    Tick end = now() + ticks;
    while (tick_before(now(), end)) {
    }
}

void busy_main(void*) {
    for (;;) {
        burn(6);
        delay(4);
    }
}
void light_main(void*) {
    volatile uint8_t scratch[256];
    for (;;) {
        for (auto& b : scratch) b = 1;
        burn(1);
        delay(9);
    }
}
void sleeper_main(void*) {
    for (;;) delay(1000);
}

void monitor_main(void*) {
    task_create(busy, "busy", busy_main, nullptr, 10, busy_stack);
    task_create(light, "light", light_main, nullptr, 11, light_stack);
    task_create(sleeper, "sleeper", sleeper_main, nullptr, 12, sleeper_stack);
    void* buffer = heap_alloc(512);
    delay(300);
    print("%-8s %-9s %4s %6s %10s\r\n", "task", "state", "prio", "cpu%", "stack");
    TaskStats st;
    for (uint32_t i = 0; Task* t = task_at(i); ++i) {
        task_get_stats(*t, st);
        print("%-8s %-9s %4u %3u.%u %5u/%-5u\r\n", st.name, task_state_name(st.state),
              static_cast<unsigned>(st.priority), static_cast<unsigned>(st.cpu_permille / 10),
              static_cast<unsigned>(st.cpu_permille % 10),
              static_cast<unsigned>(st.stack_high_water), static_cast<unsigned>(st.stack_bytes));
    }
    SystemStats sys;
    system_stats(sys);
    HeapStats hs;
    heap_stats(hs);
    print("uptime %u ticks, %u switches, idle %u.%u%%, %u tasks\r\n",
          static_cast<unsigned>(sys.uptime_ticks), static_cast<unsigned>(sys.context_switches),
          static_cast<unsigned>(sys.idle_permille / 10), static_cast<unsigned>(sys.idle_permille % 10),
          static_cast<unsigned>(sys.task_count));
    print("heap %u total, %u used, %u free, largest %u, %u allocs\r\n",
          static_cast<unsigned>(hs.total), static_cast<unsigned>(hs.used),
          static_cast<unsigned>(hs.free), static_cast<unsigned>(hs.largest_free),
          static_cast<unsigned>(hs.alloc_count));
    heap_free(buffer);
    TaskStats b;
    task_get_stats(busy, b);
    print("task_statistics: done\r\n");
    port::exit(b.cpu_permille > 300 ? 0 : 1);
}
}  // namespace

int main() {
    task_create(monitor, "monitor", monitor_main, nullptr, 20, monitor_stack);
    start();
}
