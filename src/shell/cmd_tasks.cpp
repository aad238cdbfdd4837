// Task commands: ps, top, kill.
#include <string.h>

#include "builtins.hpp"
#include "tern/shell.hpp"
#include "tern/task.hpp"
#include "text.hpp"

#ifndef SHELL_TOP_MAX
#define SHELL_TOP_MAX 16  // tasks ps/top list (4 bytes of shell stack each); at most 256
#endif

namespace tern::shell {

namespace {

bool stats_at(uint32_t index, TaskStats& out) {
    Task* t = task_at(index);
    return t != nullptr && task_get_stats(*t, out) == Result::ok;
}

// ps and top share one handler, told apart by the name they were called by (top adds a
// summary line and sorts). The rows come from a snapshot of the table order and CPU
// shares, taken once (live values move while rows print: an order computed on them would
// repeat or skip tasks); top sorts it, busiest first. A task created or deleted while the
// rows print may shift a row; the next ps is right. Task names are never null (the kernel
// names an unnamed task "?").
int cmd_ps_top(int argc, char** argv) {
    if (argc != 1) return 1;
    bool by_cpu = argv[0][0] == 't';
    if (by_cpu) {
        SystemStats sys;
        system_stats(sys);
        char up[uptime_text_max];
        uptime_text(up, sys.uptime_ticks / config::tick_hz);
        uint32_t busy = 1000 - sys.idle_permille;
        printf("up %s, %u tasks, CPU %u.%u%% busy, %u switches\r\n", up,
               static_cast<unsigned>(sys.task_count), static_cast<unsigned>(busy / 10),
               static_cast<unsigned>(busy % 10), static_cast<unsigned>(sys.context_switches));
    }
    uint32_t rows[SHELL_TOP_MAX];  // CPU share << 8 | table index
    TaskStats s;
    unsigned n = 0;
    for (; n < SHELL_TOP_MAX && stats_at(n, s); ++n) {
        uint32_t* p = rows + n;
        for (; by_cpu && p > rows && p[-1] >> 8 < s.cpu_permille; --p) *p = p[-1];
        *p = s.cpu_permille << 8 | n;
    }
    bool more = stats_at(n, s);
    puts("NAME             STATE      PRI   CPU%  STACK USED/SIZE\r\n");
    for (const uint32_t* row = rows; row != rows + n; ++row) {
        unsigned share = *row >> 8;
        if (!stats_at(*row & 0xFF, s)) continue;
        printf("%-16s %-9s %4u %4u.%u%% %7u/%u\r\n", s.name, task_state_name(s.state),
               static_cast<unsigned>(s.priority), share / 10, share % 10,
               static_cast<unsigned>(s.stack_high_water), static_cast<unsigned>(s.stack_bytes));
    }
    if (more) puts("(more tasks than SHELL_TOP_MAX: not shown)\r\n");
    return 0;
}

struct Action {
    const char* name;
    Result (*apply)(Task*);
};
const Action actions[] = {
    {"delete", task_delete}, {"suspend", task_suspend}, {"resume", task_resume}};

void complete_kill(int arg_index, const char*, Offer offer, void* ctx) {
    TaskStats s;
    if (arg_index == 1) {
        for (uint32_t i = 0; stats_at(i, s); ++i) offer(s.name, ctx);
    } else if (arg_index == 2) {
        for (const Action& a : actions) offer(a.name, ctx);
    }
}

int cmd_kill(int argc, char** argv) {
    if (argc < 2 || argc > 3) return 1;
    const Action* action = &actions[0];  // kill <name>: delete
    if (argc == 3) {
        while (strcmp(action->name, argv[2]) != 0) {
            if (++action == actions + sizeof actions / sizeof actions[0]) return 1;
        }
    }
    Task* t = task_find(argv[1]);
    TaskStats s;
    const char* outcome = "done";
    if (t == nullptr) {
        outcome = "no such task";
    } else if (t == task_self() ||
               (task_get_stats(*t, s) == Result::ok && s.base_priority == priority_idle)) {
        outcome = "refused: it must keep running";
    } else {
        Result r = action->apply(t);
        if (r != Result::ok) outcome = result_name(r);
    }
    printf("kill: %s '%s': %s\r\n", action->name, argv[1], outcome);
    return 0;
}

const Command commands[] = {
    {"ps", cmd_ps_top, "ps", "List all tasks (state, priority, CPU%, stack usage)", nullptr},
    {"top", cmd_ps_top, "top", "Task list sorted by CPU usage, descending", nullptr},
    {"kill", cmd_kill, "kill <name> [suspend|resume|delete]", "Control a task by name",
     complete_kill},
};

}  // namespace

CommandGroup task_group{commands, sizeof commands / sizeof commands[0]};

void register_task_commands() {
    register_commands(task_group);
}

}  // namespace tern::shell
