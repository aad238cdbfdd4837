// The shell app: the console shell with the built-in commands and a few demo tasks.
// On the host: `./tern run --board host shell`; leave with `exit` or Ctrl-D.
#include "console.hpp"
#include "tern/kernel.hpp"
#include "tern/shell.hpp"
#if SHELL_APP_PROGRAMS
#include "programs.hpp"
#endif

namespace {

tern::Task shell_task;
tern::Stack<SHELL_STACK_BYTES> shell_stack;

int cmd_exit(int argc, char**) {
    if (argc != 1) return 1;
    tern::shell::request_exit();
    return 0;
}

const tern::shell::Command app_commands[] = {
    {"exit", cmd_exit, "exit", "Leave the shell (ends the program)", nullptr},
};
tern::shell::CommandGroup app_group{app_commands, 1};

void shell_main(void*) {
    tern::shell::run(shell_app::console_open());
    tern::shell::puts("bye\r\n");
    shell_app::console_close();
    tern::port::exit(0);
}

}  // namespace

int main() {
    tern::shell::register_core_commands();
    tern::shell::register_task_commands();
    tern::shell::register_memory_commands();
    tern::shell::register_system_commands();
#if SHELL_APP_PROGRAMS
    tern::shell::register_program_commands();
#endif
    tern::shell::register_commands(app_group);
    shell_app::demo_tasks_create();
    tern::task_create(shell_task, "shell", shell_main, nullptr, SHELL_PRIORITY, shell_stack);
    tern::start();
}
