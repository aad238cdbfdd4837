// The seed's one-command-at-a-time registration, for C code and ports of seed apps. Its
// table lives in this file, so an image that never calls it does not pay its RAM.
#include "tern/shell.h"
#include "tinyos/shell.h"
// This file defines both: tern's shell_start and the seed's, which the header renames.
#undef shell_io_t
#undef shell_start

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

// The seed's callbacks (tinyos/shell.h) under tern's stream: a context-free getc, and a
// puts that needs NUL-terminated text, so writes go through it in terminated pieces.
namespace {
tinyos_shell_io_t seed_io;

int seed_getc(void*) { return seed_io.getc(); }

void seed_write(void*, const char* s, size_t n) {
    char piece[48];
    while (n > 0) {
        size_t k = n < sizeof piece - 1 ? n : sizeof piece - 1;
        memcpy(piece, s, k);
        piece[k] = '\0';
        seed_io.puts(piece);
        s += k;
        n -= k;
    }
}
}  // namespace

int tinyos_shell_start(const tinyos_shell_io_t* io) {
    if (io == nullptr || io->getc == nullptr || io->puts == nullptr) return -1;
    seed_io = *io;
    return tern::shell::start({seed_getc, seed_write, nullptr}) ? 0 : -1;
}

}  // extern "C"
