// The seed's one-command-at-a-time registration, for C code and ports of seed apps. Its
// table lives in this file, so an image that never calls it does not pay its RAM.
#include "tern/shell.h"

#include "tern/shell.hpp"

#include <string.h>

namespace {
tern::shell::Command table[SHELL_MAX_COMMANDS];
tern::shell::CommandGroup group{table, 0};
}  // namespace

extern "C" {

namespace {
// The seed's help text is usage and description in one: "led <on|off> Toggle LED". The
// description starts at the first word after the name that is not an argument
// (<...>, [...], or a|b choices); with none, the text is only a usage.
const char* description_in(const char* name, const char* help) {
    if (help == nullptr) return nullptr;
    size_t n = strlen(name);
    if (strncmp(help, name, n) != 0 || (help[n] != ' ' && help[n] != '\0')) return help;
    const char* p = help + n;
    for (;;) {
        while (*p == ' ') ++p;
        if (*p == '\0') return nullptr;
        const char* word = p;
        while (*p != ' ' && *p != '\0') ++p;
        bool argument = *word == '<' || *word == '[' || *word == '-' || memchr(word, '|', p - word);
        if (!argument) return word;
    }
}
}  // namespace

int shell_register_cmd(const char* name, shell_cmd_fn handler, const char* help) {
    if (name == nullptr || handler == nullptr || group.count >= SHELL_MAX_COMMANDS) return -1;
    table[group.count] = {name, handler, help, description_in(name, help), nullptr};
    ++group.count;
    tern::shell::register_commands(group);
    return 0;
}

int shell_exec(const char* line) { return tern::shell::exec(line); }

void shell_set_prompt(const char* prompt) { tern::shell::set_prompt(prompt); }

int shell_start(const shell_io_t* io) {
    if (io == nullptr) return -1;
    return tern::shell::start({io->getc, io->write, io->ctx}) ? 0 : -1;
}

}  // extern "C"
