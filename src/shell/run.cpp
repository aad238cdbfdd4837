// The interactive loop and the shell task. Input is polled: a byte stream need offer no
// more than "is there a byte?", and a one-tick delay while idle costs the system nothing
// measurable at the shell's (lowest useful) priority.
#include "builtins.hpp"
#include "session.hpp"
#include "tern/task.hpp"

namespace tern::shell {

void run(const Io& io) {
    session::open(io);
    while (session::pump()) delay(1);
}

namespace {

Task shell_task;
Stack<SHELL_STACK_BYTES> shell_stack;

void shell_main(void*) {
    for (;;) {
        run(*io());  // the session's own copy of the stream start() was given
        delay(ms_to_ticks(100));  // the stream closed: reopen it, without spinning
    }
}

}  // namespace

bool start(const Io& io) {
    set_io(io);
    register_commands(core_group);
    register_commands(task_group);
    register_commands(memory_group);
    register_commands(system_group);
    return task_create(shell_task, "shell", shell_main, nullptr, SHELL_PRIORITY, shell_stack) ==
           Result::ok;
}

}  // namespace tern::shell
