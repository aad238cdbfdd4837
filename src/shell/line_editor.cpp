// Screen updates are incremental (echo a typed character, rewrite only the tail after an
// edit): a 115200-baud UART redraws a 100-character line in 9 ms, and a tail is shorter.
#include "line_editor.hpp"

#include <string.h>

#include "tern/print.hpp"

namespace tern::shell {

void write_to(const Io* io, const char* s, size_t n) {
    if (io != nullptr && n > 0) io->write(io->ctx, s, n);
}

void Completion::offer(const char* candidate) {
    if (candidate == nullptr || strncmp(candidate, word_, word_len_) != 0) return;
    // A repeat of the first match (two tasks of one name) must not make it ambiguous.
    if (first_ != nullptr && strcmp(candidate, first_) == 0) return;
    ++count_;
    if (first_ == nullptr) {
        first_ = candidate;
        common_ = strlen(candidate);
    } else {
        size_t i = word_len_;
        while (i < common_ && candidate[i] == first_[i]) ++i;
        common_ = i;
    }
    write_to(listing_, candidate, strlen(candidate));
    write_to(listing_, "  ", 2);
}

void LineEditor::out(const char* s) {
    out(s, strlen(s));
}

void LineEditor::new_line() {
    out("\r\n");
}

// Writes fmt with one number (the kernel's formatter: no state, safe in any task).
void LineEditor::out_format(const char* fmt, unsigned n) {
    char text[80];
    size_t length = format(text, sizeof text, fmt, n);
    out(text, length < sizeof text ? length : sizeof text - 1);
}

// One column back is a backspace (1 byte where ESC[1D is 4: backspacing at a UART).
void LineEditor::cursor_back(size_t n) {
    if (n == 1) out("\b", 1);
    else if (n > 1) out_format("\x1b[%uD", static_cast<unsigned>(n));
}

// With the screen's cursor at column `from` of the line: writes the line from there to its
// end, clears what an edit left behind (only when the line got shorter than what the screen
// shows: a typed character is echoed as itself), and puts the cursor at pos_.
void LineEditor::paint(size_t from) {
    out(buf_ + from, len_ - from);
    if (shown_ > len_) out("\x1b[K");
    shown_ = len_;
    cursor_back(len_ - pos_);
}

// Redraws over whatever the row holds (output from elsewhere may have written on it).
void LineEditor::refresh() {
    out("\r");
    out(prompt_);
    shown_ = static_cast<size_t>(-1);
    paint(0);
}

void LineEditor::begin(const char* prompt) {
    prompt_ = prompt != nullptr ? prompt : "";
    len_ = 0;
    pos_ = 0;
    shown_ = 0;
    buf_[0] = '\0';
    back_ = 0;
    discarding_ = false;
    out(prompt_);
}

// Every edit is one splice: [from, to) becomes s[0..n) and the cursor lands after it. A
// move is an empty splice at the target. The screen is rewritten from the first column
// that may have changed: the edit's start, or the old cursor if that is further left.
void LineEditor::splice(size_t from, size_t to, const char* s, size_t n) {
    if (len_ - (to - from) + n > max_length) {
        out_format("\r\nerror: line too long (max %u characters); ignored up to the next Enter\r\n",
                   max_length);
        discarding_ = true;
        return;
    }
    size_t start = from < pos_ ? from : pos_;
    cursor_back(pos_ - start);
    memmove(buf_ + from + n, buf_ + to, len_ - to + 1u);  // with the NUL
    memcpy(buf_ + from, s, n);
    len_ += n - (to - from);
    pos_ = from + n;
    paint(start);
}

void LineEditor::recall(unsigned back) {
    const char* entry = "";
    if (back > 0) entry = history_ != nullptr ? history_->newest(back - 1) : nullptr;
    if (entry == nullptr) {
        out("\a");
        return;
    }
    back_ = static_cast<uint8_t>(back);
    size_t n = strlen(entry);
    splice(0, len_, entry, n < max_length ? n : max_length);
}

// Asks the source for candidates with the line cut at the cursor, so that the word being
// completed is a NUL-terminated string the source can use in place.
void LineEditor::gather(size_t start, Completion& into) {
    char saved = buf_[pos_];
    buf_[pos_] = '\0';
    source_(buf_, start, into);
    buf_[pos_] = saved;
}

void LineEditor::complete() {
    size_t start = pos_;
    while (start > 0 && buf_[start - 1] != ' ') --start;
    if (source_ == nullptr) return;
    Completion found(buf_ + start, pos_ - start, nullptr);
    gather(start, found);
    size_t extra = found.common_length() - found.word_length();
    if (found.count() == 0) {
        out("\a");
        return;
    }
    if (extra > 0) splice(pos_, pos_, found.first() + found.word_length(), extra);
    if (found.count() == 1) {
        if (!discarding_ && buf_[pos_] != ' ') splice(pos_, pos_, " ", 1);
    } else if (extra == 0) {
        new_line();  // ambiguous: show the choices, then the line again
        Completion listing(buf_ + start, pos_ - start, io_);
        gather(start, listing);
        new_line();
        refresh();
    }
}

LineEditor::Event LineEditor::feed(uint8_t byte) {
    Key key = keys_.feed(byte);
    if (discarding_) {
        if (key == Key::enter || key == Key::cancel) {
            new_line();
            begin(prompt_);
        }
        return Event::none;
    }
    if (is_text(key)) {
        char c = static_cast<char>(key);
        splice(pos_, pos_, &c, 1);
        return Event::none;
    }
    return edit(key);
}

// A key replaces [from, to) with nothing (an erase, or a move when from == to) or does
// something of its own.
LineEditor::Event LineEditor::edit(Key key) {
    size_t from = pos_, to = pos_;
    switch (key) {
        case Key::enter:
            new_line();
            back_ = 0;
            return Event::line;
        case Key::eof:
            if (len_ == 0) {
                new_line();
                return Event::eof;
            }
            [[fallthrough]];  // Ctrl-D on a line deletes like Delete
        case Key::del:
            to += pos_ < len_;
            break;
        case Key::backspace:
            from -= pos_ > 0;
            break;
        case Key::kill_to_end:
            to = len_;
            break;
        case Key::kill_to_start:
            from = 0;
            break;
        case Key::kill_word:
            while (from > 0 && buf_[from - 1] == ' ') --from;
            while (from > 0 && buf_[from - 1] != ' ') --from;
            break;
        case Key::left:
            from = to = pos_ - (pos_ > 0);
            break;
        case Key::right:
            from = to = pos_ + (pos_ < len_);
            break;
        case Key::home:
            from = to = 0;
            break;
        case Key::end:
            from = to = len_;
            break;
        case Key::up:
            recall(back_ + 1u);
            return Event::none;
        case Key::down:
            if (back_ > 0) recall(back_ - 1u);
            return Event::none;
        case Key::tab:
            complete();
            return Event::none;
        case Key::redraw:
            out("\x1b[2J\x1b[H");
            refresh();
            return Event::none;
        case Key::cancel:
            out("^C\r\n");
            begin(prompt_);
            return Event::none;
        default:
            return Event::none;
    }
    splice(from, to);
    return Event::none;
}

}  // namespace tern::shell
