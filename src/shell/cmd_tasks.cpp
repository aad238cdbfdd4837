// Task commands: ps, top, kill.
#include <string.h>

#include "tern/shell.hpp"
#include "tern/task.hpp"
#include "text.hpp"

#ifndef SHELL_TOP_MAX
#define SHELL_TOP_MAX 16  // tasks ps/top list (3 bytes of shell stack each); at most 256
#endif

namespace tern::shell {

namespace {

bool stats_at(uint32_t index, TaskStats& out) {
    Task* t = task_at(index);
    return t != nullptr && task_get_stats(*t, out) == Result::ok;
}

// ps and top: the rows come from a snapshot of the table order and CPU shares, taken
// once (live values move while rows print: an order computed on them would repeat or
// skip tasks); top sorts it, busiest first. A task created or deleted while the rows print
// may shift a row; the next ps is right.
void print_tasks(bool by_cpu) {
    uint8_t order[SHELL_TOP_MAX];
    uint16_t share[SHELL_TOP_MAX];
    unsigned n = 0;
    TaskStats s;
    uint32_t i = 0;
    for (; n < SHELL_TOP_MAX && stats_at(i, s); ++i) {
        unsigned j = n++;
        for (; by_cpu && j > 0 && share[j - 1] < s.cpu_permille; --j) {
            order[j] = order[j - 1];
            share[j] = share[j - 1];
        }
        order[j] = static_cast<uint8_t>(i);
        share[j] = static_cast<uint16_t>(s.cpu_permille);
    }
    bool more = stats_at(i, s);
    puts("NAME             STATE      PRI   CPU%  STACK USED/SIZE\r\n");
    for (i = 0; i < n; ++i) {
        if (!stats_at(order[i], s)) continue;
        printf("%-16s %-9s %4u %4u.%u%% %7u/%u\r\n", s.name != nullptr ? s.name : "?",
               task_state_name(s.state), static_cast<unsigned>(s.priority),
               static_cast<unsigned>(share[i] / 10), static_cast<unsigned>(share[i] % 10),
               static_cast<unsigned>(s.stack_high_water), static_cast<unsigned>(s.stack_bytes));
    }
    if (more) puts("(more tasks than SHELL_TOP_MAX: not shown)\r\n");
}

int cmd_ps(int argc, char**) {
    if (argc != 1) return 1;
    print_tasks(false);
    return 0;
}

int cmd_top(int argc, char**) {
    if (argc != 1) return 1;
    SystemStats sys;
    system_stats(sys);
    char up[uptime_text_max];
    uptime_text(up, sys.uptime_ticks / config::tick_hz);
    uint32_t busy = sys.idle_permille <= 1000 ? 1000 - sys.idle_permille : 0;
    printf("up %s, %u tasks, CPU %u.%u%% busy, %u switches\r\n", up,
           static_cast<unsigned>(sys.task_count), static_cast<unsigned>(busy / 10),
           static_cast<unsigned>(busy % 10), static_cast<unsigned>(sys.context_switches));
    print_tasks(true);
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
    {"ps", cmd_ps, "ps", "List all tasks (state, priority, CPU%, stack usage)", nullptr},
    {"top", cmd_top, "top", "Task list sorted by CPU usage, descending", nullptr},
    {"kill", cmd_kill, "kill <name> [suspend|resume|delete]", "Control a task by name",
     complete_kill},
};
CommandGroup group{commands, sizeof commands / sizeof commands[0]};

}  // namespace

void register_task_commands() {
    register_commands(group);
}

}  // namespace tern::shell
