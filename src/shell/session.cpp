#include "session.hpp"

#include <string.h>

#include "args.hpp"
#include "line_editor.hpp"

namespace tern::shell {

namespace {

// One object, not separate globals: functions reach every field from one base address
// (with -fdata-sections each global would cost every function that uses it a literal).
struct State {
    const Io* io = nullptr;
    const char* prompt = nullptr;  // null: the default (all zero, the State stays in .bss)
    bool exit_requested = false;
    volatile bool redraw_requested = false;
    Io io_copy{};
    LineEditor editor;
    History history;
};
constinit State state;

const char* prompt() {
    return state.prompt != nullptr ? state.prompt : "tern> ";
}

void complete_line(const char* line, size_t word_start, Completion& out) {
    if (word_start == 0) {
        offer_command_names(&Completion::offer_to, &out);
        return;
    }
    size_t name_length = 0;  // a space ends the first word: the one before word_start
    while (line[name_length] != ' ') ++name_length;
    const Command* c = find_command(line, name_length);
    if (c == nullptr || c->complete == nullptr) return;
    int arg_index = 0;
    for (size_t i = 1; i < word_start; ++i) {
        if (line[i - 1] != ' ' && line[i] == ' ') ++arg_index;
    }
    c->complete(arg_index, out.word(), &Completion::offer_to, &out);  // cut at the cursor
}

}  // namespace

void set_io(const Io& io) {
    state.io_copy = io;  // a copy of itself (run(*io())) is harmless
    state.io = &state.io_copy;
}

const Io* io() {
    return state.io;
}

void write(const char* s, size_t n) {
    write_to(state.io, s, n);
}

void puts(const char* s) {
    write(s, strlen(s));
}

// A seed-style help text ("led <on|off> Toggle LED") is one string whose summary is its
// tail (register_c.cpp): the usage is what comes before the summary.
void print_usage(const Command& c) {
    if (c.usage == nullptr) {
        printf("usage: %s\r\n", c.name);
        return;
    }
    size_t n = strlen(c.usage);
    if (c.summary >= c.usage && c.summary <= c.usage + n) {
        n = static_cast<size_t>(c.summary - c.usage);
        while (n > 0 && c.usage[n - 1] == ' ') --n;
    }
    puts("usage: ");
    if (n == 0) puts(c.name);  // the text was only a description
    else write(c.usage, n);
    puts("\r\n");
}

void set_prompt(const char* prompt) {
    state.prompt = prompt != nullptr ? prompt : "";
}

void request_exit() {
    state.exit_requested = true;
}

void request_redraw() {
    state.redraw_requested = true;
}

// Runs a line held in a writable buffer, splitting it in place.
static int exec_in_place(char* line) {
    char* argv[SHELL_ARGV_MAX + 1];
    int argc = split_args(line, argv, SHELL_ARGV_MAX);
    if (argc < 0) {
        puts(argc == too_many ? "error: too many arguments\r\n" : "error: unterminated quote\r\n");
        return exec_syntax;
    }
    if (argc == 0) return 0;
    const Command* c = find_command(argv[0]);
    if (c == nullptr) {
        printf("unknown command: %s (try 'help')\r\n", argv[0]);
        return exec_unknown;
    }
    int result = c->handler(argc, argv);
    if (result != 0 && c->usage != nullptr) print_usage(*c);
    return result;
}

int exec(const char* line) {
    char copy[SHELL_LINE_MAX];
    size_t n = strlen(line);
    if (n >= sizeof copy) {
        puts("error: line too long\r\n");
        return exec_syntax;
    }
    memcpy(copy, line, n + 1);
    return exec_in_place(copy);
}

namespace session {

History& history() {
    return state.history;
}

void open(const Io& io) {
    set_io(io);
    state.exit_requested = false;
    state.editor.attach(state.io, &state.history, complete_line);
    state.editor.begin(prompt());
}

bool pump() {
    LineEditor& editor = state.editor;
    if (state.redraw_requested) {
        state.redraw_requested = false;
        editor.redraw();
    }
    for (;;) {
        int c = state.io->getc(state.io->ctx);
        if (c == Io::none) return true;
        if (c == Io::closed) return false;
        LineEditor::Event event = editor.feed(static_cast<uint8_t>(c));
        if (event == LineEditor::Event::eof) return false;
        if (event == LineEditor::Event::line) {
            state.history.add(editor.line(), editor.length());
            exec_in_place(editor.take_line());  // already in the history: split it in place
            if (state.exit_requested) return false;
            editor.begin(prompt());
        }
    }
}

}  // namespace session
}  // namespace tern::shell
