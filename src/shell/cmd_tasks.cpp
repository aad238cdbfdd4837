// Task commands: ps, top, kill.
#include <string.h>

#include "tern/shell.hpp"
#include "tern/task.hpp"

#ifndef SHELL_TOP_MAX
#define SHELL_TOP_MAX 16  // tasks `top` sorts (3 bytes of shell stack each); at most 256
#endif

namespace tern::shell {

namespace {

void print_header() { puts("NAME             STATE      PRI   CPU%  STACK USED/SIZE\r\n"); }

void print_row(const TaskStats& s) {
    printf("%-16s %-9s %4u %4u.%u%% %7u/%u\r\n", s.name != nullptr ? s.name : "?",
           task_state_name(s.state), static_cast<unsigned>(s.priority),
           static_cast<unsigned>(s.cpu_permille / 10), static_cast<unsigned>(s.cpu_permille % 10),
           static_cast<unsigned>(s.stack_high_water), static_cast<unsigned>(s.stack_bytes));
}

bool stats_at(uint32_t index, TaskStats& out) {
    Task* t = task_at(index);
    return t != nullptr && task_get_stats(*t, out) == Result::ok;
}

int cmd_ps(int argc, char**) {
    if (argc != 1) return 1;
    print_header();
    TaskStats s;
    for (uint32_t i = 0; stats_at(i, s); ++i) print_row(s);
    return 0;
}

// Sorted on a snapshot of the CPU shares, taken once: live values move while the rows
// print, and an order computed on them would repeat or skip tasks.
int cmd_top(int argc, char**) {
    if (argc != 1) return 1;
    SystemStats sys;
    system_stats(sys);
    uint32_t seconds = sys.uptime_ticks / config::tick_hz;
    uint32_t busy = sys.idle_permille <= 1000 ? 1000 - sys.idle_permille : 0;
    printf("up %02u:%02u:%02u, %u tasks, CPU %u.%u%% busy, %u switches\r\n",
           static_cast<unsigned>(seconds / 3600), static_cast<unsigned>(seconds / 60 % 60),
           static_cast<unsigned>(seconds % 60), static_cast<unsigned>(sys.task_count),
           static_cast<unsigned>(busy / 10), static_cast<unsigned>(busy % 10),
           static_cast<unsigned>(sys.context_switches));
    // Table positions and CPU shares: 3 bytes a task, on the shell's small stack. A task
    // created or deleted while the rows print may shift a row; the next top is right.
    uint8_t order[SHELL_TOP_MAX];
    uint16_t share[SHELL_TOP_MAX];
    unsigned n = 0;
    TaskStats s;
    for (uint32_t i = 0; n < SHELL_TOP_MAX && stats_at(i, s); ++i) {
        unsigned j = n++;
        for (; j > 0 && share[j - 1] < s.cpu_permille; --j) {
            order[j] = order[j - 1];
            share[j] = share[j - 1];
        }
        order[j] = static_cast<uint8_t>(i);
        share[j] = static_cast<uint16_t>(s.cpu_permille);
    }
    print_header();
    for (unsigned i = 0; i < n; ++i) {
        if (!stats_at(order[i], s)) continue;
        s.cpu_permille = share[i];
        print_row(s);
    }
    return 0;
}

void complete_kill(int arg_index, const char*, Offer offer, void* ctx) {
    if (arg_index == 1) {
        TaskStats s;
        for (uint32_t i = 0; stats_at(i, s); ++i) offer(s.name, ctx);
    } else if (arg_index == 2) {
        offer("suspend", ctx);
        offer("resume", ctx);
        offer("delete", ctx);
    }
}

int cmd_kill(int argc, char** argv) {
    if (argc < 2 || argc > 3) return 1;
    const char* action = argc == 3 ? argv[2] : "delete";
    Result (*op)(Task*);
    if (strcmp(action, "suspend") == 0) {
        op = task_suspend;
    } else if (strcmp(action, "resume") == 0) {
        op = task_resume;
    } else if (strcmp(action, "delete") == 0) {
        op = task_delete;
    } else {
        return 1;
    }
    Task* t = task_find(argv[1]);
    if (t == nullptr) {
        printf("kill: no task '%s'\r\n", argv[1]);
        return 0;
    }
    TaskStats s;
    if (t == task_self() || (task_get_stats(*t, s) == Result::ok && s.base_priority == priority_idle)) {
        printf("kill: '%s' must keep running\r\n", argv[1]);
        return 0;
    }
    Result r = op(t);
    if (r != Result::ok) {
        printf("kill: %s '%s' failed: %s\r\n", action, argv[1], result_name(r));
    } else {
        printf("kill: %s '%s': done\r\n", action, argv[1]);
    }
    return 0;
}

const Command commands[] = {
    {"ps", cmd_ps, "ps", "List all tasks (state, priority, CPU%, stack usage)", nullptr},
    {"top", cmd_top, "top", "Task list sorted by CPU usage, descending", nullptr},
    {"kill", cmd_kill, "kill <name> [suspend|resume|delete]", "Control a task by name",
     complete_kill},
};
CommandGroup group{commands, sizeof commands / sizeof commands[0]};

}  // namespace

void register_task_commands() { register_commands(group); }

}  // namespace tern::shell
