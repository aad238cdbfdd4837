// The shell's own commands: help, clear, echo, history, sleep.
#include "builtins.hpp"
#include "session.hpp"
#include "tern/task.hpp"

namespace tern::shell {

namespace {

void complete_command_name(int arg_index, const char*, Offer offer, void* ctx) {
    if (arg_index == 1) offer_command_names(offer, ctx);
}

int cmd_help(int argc, char** argv) {
    const Command* c;
    if (argc > 2) return 1;
    if (argc == 2) {
        c = find_command(argv[1]);
        if (c == nullptr) {
            printf("help: no command '%s'\r\n", argv[1]);
            return 0;
        }
        print_usage(*c);
        if (c->summary != nullptr) printf("  %s\r\n", c->summary);
        return 0;
    }
    puts("Command    Description\r\n");
    for (unsigned i = 0; (c = command_at(i)) != nullptr; ++i) {
        printf("%-10s %s\r\n", c->name, c->summary != nullptr ? c->summary : c->usage);
    }
    return 0;
}

int cmd_clear(int, char**) {
    puts("\x1b[2J\x1b[H");
    return 0;
}

int cmd_echo(int argc, char** argv) {
    const char* gap = "";
    for (int i = 1; i < argc; ++i) {
        puts(gap);
        puts(argv[i]);
        gap = " ";
    }
    puts("\r\n");
    return 0;
}

int cmd_history(int argc, char**) {
    if (argc != 1) return 1;
    const History& h = session::history();
    for (unsigned i = 0; i < h.count(); ++i) printf("%4u  %s\r\n", i + 1, h.at(i));
    return 0;
}

int cmd_sleep(int argc, char** argv) {
    uint32_t ms;
    if (argc != 2 || !parse_u32(argv[1], &ms)) return 1;
    delay(ms_to_ticks(ms));
    return 0;
}

const Command commands[] = {
    {"help", cmd_help, "help [cmd]", "List all commands, or show detailed help for cmd",
     complete_command_name},
    {"clear", cmd_clear, "clear", "Clear the terminal screen (VT100)", nullptr},
    {"echo", cmd_echo, "echo <text>", "Print text to the terminal", nullptr},
    {"history", cmd_history, "history", "Show command history", nullptr},
    {"sleep", cmd_sleep, "sleep <ms>", "Delay the shell task for N milliseconds", nullptr},
};

}  // namespace

CommandGroup core_group{commands, sizeof commands / sizeof commands[0]};

void register_core_commands() {
    register_commands(core_group);
}

}  // namespace tern::shell
