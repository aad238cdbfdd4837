#include "session.hpp"

#include <string.h>

#include "args.hpp"
#include "line_editor.hpp"

namespace tern::shell {

namespace {

const Io* current_io = nullptr;
Io io_copy;
const char* prompt_text = "tern> ";
bool exit_requested = false;
volatile bool redraw_requested = false;
History history_store;
LineEditor editor;

void write_parts(const char* a, const char* b, const char* c) {
    puts(a);
    puts(b);
    puts(c);
}

// The command named by the first word of `line` (which goes on after it), or null.
const Command* command_of(const char* line) {
    size_t n = 0;
    while (line[n] != '\0' && line[n] != ' ') ++n;
    const Command* c;
    for (unsigned i = 0; (c = command_at(i)) != nullptr; ++i) {
        if (strncmp(c->name, line, n) == 0 && c->name[n] == '\0') return c;
    }
    return nullptr;
}

void complete_line(const char* line, size_t word_start, Completion& out) {
    const Command* c;
    if (word_start == 0) {
        for (unsigned i = 0; (c = command_at(i)) != nullptr; ++i) out.offer(c->name);
        return;
    }
    c = command_of(line);
    if (c == nullptr || c->complete == nullptr) return;
    int arg_index = 0;
    for (size_t i = 1; i < word_start; ++i) {
        if (line[i - 1] != ' ' && line[i] == ' ') ++arg_index;
    }
    c->complete(arg_index, out.word(), &Completion::offer_to, &out);  // cut at the cursor
}

}  // namespace

void set_io(const Io& io) {
    if (&io != &io_copy) io_copy = io;
    current_io = &io_copy;
}

const Io* io() { return current_io; }

void write(const char* s, size_t n) {
    if (current_io != nullptr && n > 0) current_io->write(current_io->ctx, s, n);
}

void puts(const char* s) { write(s, strlen(s)); }

void set_prompt(const char* prompt) { prompt_text = prompt != nullptr ? prompt : ""; }

void request_exit() { exit_requested = true; }

void request_redraw() { redraw_requested = true; }

// Runs a line held in a writable buffer, splitting it in place.
static int exec_in_place(char* line) {
    char* argv[SHELL_ARGV_MAX + 1];
    SplitError error;
    int argc = split_args(line, argv, SHELL_ARGV_MAX, &error);
    if (argc < 0) {
        puts(error == SplitError::too_many ? "error: too many arguments\r\n"
                                           : "error: unterminated quote\r\n");
        return exec_syntax;
    }
    if (argc == 0) return 0;
    const Command* c = find_command(argv[0]);
    if (c == nullptr) {
        write_parts("unknown command: ", argv[0], " (try 'help')\r\n");
        return exec_unknown;
    }
    int result = c->handler(argc, argv);
    if (result != 0 && c->usage != nullptr) write_parts("usage: ", c->usage, "\r\n");
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

History& history() { return history_store; }

void open(const Io& io) {
    set_io(io);
    exit_requested = false;
    editor.attach(current_io, &history_store, complete_line);
    editor.begin(prompt_text);
}

bool pump() {
    if (redraw_requested) {
        redraw_requested = false;
        editor.redraw();
    }
    for (;;) {
        int c = current_io->getc(current_io->ctx);
        if (c == Io::none) return true;
        if (c == Io::closed) return false;
        LineEditor::Event event = editor.feed(static_cast<uint8_t>(c));
        if (event == LineEditor::Event::eof) return false;
        if (event == LineEditor::Event::line) {
            history_store.add(editor.line(), editor.length());
            exec_in_place(editor.take_line());  // already in the history: split it in place
            if (exit_requested) return false;
            editor.begin(prompt_text);
        }
    }
}

}  // namespace session
}  // namespace tern::shell
