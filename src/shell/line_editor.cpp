// Screen updates are incremental (echo a typed character, rewrite only the tail after an
// edit): a 115200-baud UART redraws a 100-character line in 9 ms, and a tail is shorter.
#include "line_editor.hpp"

#include <string.h>

namespace tern::shell {

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
    if (listing_ != nullptr) {
        listing_->write(listing_->ctx, candidate, strlen(candidate));
        listing_->write(listing_->ctx, "  ", 2);
    }
}

void LineEditor::out(const char* s, size_t n) {
    if (io_ != nullptr && n > 0) io_->write(io_->ctx, s, n);
}

void LineEditor::out(const char* s) {
    if (s != nullptr) out(s, strlen(s));
}

void LineEditor::out_number(unsigned n) {
    char digits[10];
    size_t i = sizeof digits;
    do {
        digits[--i] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n != 0);
    out(digits + i, sizeof digits - i);
}

void LineEditor::cursor_back(size_t n) {
    if (n == 0) return;
    if (n == 1) {
        out("\b", 1);
        return;
    }
    out("\x1b[", 2);
    out_number(static_cast<unsigned>(n));
    out("D", 1);
}

void LineEditor::move_to(size_t pos) {
    if (pos < pos_) {
        cursor_back(pos_ - pos);
    } else {
        out(buf_ + pos_, pos - pos_);  // rewriting the characters moves right, no escapes
    }
    pos_ = static_cast<uint8_t>(pos);
}

// Rewrites from the cursor to the end of the line, clears what an edit left behind, and
// puts the cursor back.
void LineEditor::redraw_tail() {
    out(buf_ + pos_, len_ - pos_);
    out("\x1b[K", 3);
    cursor_back(len_ - pos_);
}

void LineEditor::refresh() {
    out("\r", 1);
    out(prompt_);
    size_t pos = pos_;
    pos_ = 0;
    redraw_tail();
    move_to(pos);
}

void LineEditor::begin(const char* prompt) {
    prompt_ = prompt != nullptr ? prompt : "";
    len_ = 0;
    pos_ = 0;
    buf_[0] = '\0';
    back_ = 0;
    discarding_ = false;
    out(prompt_);
}

void LineEditor::overflow() {
    out("\r\nerror: line too long (max ");
    out_number(static_cast<unsigned>(max_length));
    out(" characters); ignored up to the next Enter\r\n");
    discarding_ = true;
}

void LineEditor::insert(const char* s, size_t n) {
    if (len_ + n > max_length) {
        overflow();
        return;
    }
    memmove(buf_ + pos_ + n, buf_ + pos_, len_ - pos_ + 1u);  // with the NUL
    memcpy(buf_ + pos_, s, n);
    len_ = static_cast<uint8_t>(len_ + n);
    out(buf_ + pos_, len_ - pos_);
    pos_ = static_cast<uint8_t>(pos_ + n);
    cursor_back(len_ - pos_);
}

void LineEditor::erase(size_t from, size_t to) {
    if (from >= to) return;
    move_to(from);
    memmove(buf_ + from, buf_ + to, len_ - to + 1u);
    len_ = static_cast<uint8_t>(len_ - (to - from));
    redraw_tail();
}

void LineEditor::replace_line(const char* s) {
    size_t n = strlen(s);
    if (n > max_length) n = max_length;
    memcpy(buf_, s, n);
    buf_[n] = '\0';
    len_ = static_cast<uint8_t>(n);
    pos_ = static_cast<uint8_t>(n);
    refresh();
}

void LineEditor::recall(unsigned back) {
    const char* entry = "";
    if (back > 0) {
        entry = history_ != nullptr ? history_->newest(back - 1) : nullptr;
        if (entry == nullptr) {
            out("\a", 1);
            return;
        }
    }
    back_ = static_cast<uint8_t>(back);
    replace_line(entry);
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
    if (found.count() == 0) {
        out("\a", 1);
    } else if (found.common_length() > found.word_length()) {
        insert(found.first() + found.word_length(), found.common_length() - found.word_length());
        if (found.count() == 1 && !discarding_ && buf_[pos_] != ' ') insert(" ", 1);
    } else if (found.count() == 1) {
        if (buf_[pos_] != ' ') insert(" ", 1);
    } else {
        out("\r\n", 2);  // ambiguous: show the choices, then the line again
        Completion listing(buf_ + start, pos_ - start, io_);
        gather(start, listing);
        out("\r\n", 2);
        refresh();
    }
}

LineEditor::Event LineEditor::feed(uint8_t byte) {
    Key key = keys_.feed(byte);
    if (discarding_) {
        if (key == Key::enter || key == Key::cancel) {
            out("\r\n", 2);
            begin(prompt_);
        }
        return Event::none;
    }
    switch (key) {
        case Key::none: break;
        case Key::text: {
            char c = keys_.ch();
            insert(&c, 1);
            break;
        }
        case Key::enter:
            out("\r\n", 2);
            back_ = 0;
            return Event::line;
        case Key::backspace:
            if (pos_ > 0) erase(pos_ - 1u, pos_);
            break;
        case Key::del: erase(pos_, pos_ < len_ ? pos_ + 1u : pos_); break;
        case Key::left:
            if (pos_ > 0) move_to(pos_ - 1u);
            break;
        case Key::right:
            if (pos_ < len_) move_to(pos_ + 1u);
            break;
        case Key::home: move_to(0); break;
        case Key::end: move_to(len_); break;
        case Key::up: recall(back_ + 1u); break;
        case Key::down:
            if (back_ > 0) recall(back_ - 1u);
            break;
        case Key::tab: complete(); break;
        case Key::kill_to_end: erase(pos_, len_); break;
        case Key::kill_to_start: erase(0, pos_); break;
        case Key::kill_word: {
            size_t from = pos_;
            while (from > 0 && buf_[from - 1] == ' ') --from;
            while (from > 0 && buf_[from - 1] != ' ') --from;
            erase(from, pos_);
            break;
        }
        case Key::redraw:
            out("\x1b[2J\x1b[H", 7);
            refresh();
            break;
        case Key::cancel:
            out("^C\r\n", 4);
            begin(prompt_);
            break;
        case Key::eof:
            if (len_ == 0) {
                out("\r\n", 2);
                return Event::eof;
            }
            erase(pos_, pos_ < len_ ? pos_ + 1u : pos_);
            break;
    }
    return Event::none;
}

}  // namespace tern::shell
