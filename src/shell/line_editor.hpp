// The line editor: keys in, VT100 screen updates out, one line at a time. It knows
// nothing of commands or the kernel (completion candidates come through a callback),
// so the host unit tests drive it with recorded key sequences and check the screen.
//
// The display model is one terminal row: prompt + line must fit the terminal's width
// (SHELL_LINE_MAX 128 plus a short prompt does on anything but an 80-column terminal
// holding a near-full line, where redraws after mid-line edits may look stale).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "history.hpp"
#include "key_decoder.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

// The one way the shell writes to a stream: nothing when there is no stream (a vanished
// terminal) or nothing to write.
void write_to(const Io* io, const char* s, size_t n);

// Gathers the candidates a completion source offers for the word before the cursor:
// how many match, and how far they all agree. With a listing stream, also prints them.
class Completion {
  public:
    Completion(const char* word, size_t word_len, const Io* listing)
        : word_(word), word_len_(word_len), listing_(listing) {}
    // Ignores candidates that do not start with the word, so sources need not filter.
    void offer(const char* candidate);
    static void offer_to(const char* candidate, void* completion) {
        static_cast<Completion*>(completion)->offer(candidate);
    }
    const char* word() const { return word_; }
    size_t word_length() const { return word_len_; }
    unsigned count() const { return count_; }
    const char* first() const { return first_; }
    size_t common_length() const { return common_; }  // shared prefix of all matches

  private:
    const char* word_;
    size_t word_len_;
    const Io* listing_;
    const char* first_ = nullptr;
    size_t common_ = 0;
    unsigned count_ = 0;
};

// Offers candidates for the word that starts at line[word_start]. The line is cut at the
// cursor (NUL-terminated there) for the call: what follows the cursor is not completed.
using CompletionSource = void (*)(const char* line, size_t word_start, Completion& out);

class LineEditor {
  public:
    static constexpr size_t max_length = SHELL_LINE_MAX - 1;
    static_assert(SHELL_LINE_MAX >= 16 && SHELL_LINE_MAX <= 256, "SHELL_LINE_MAX: 16..256");

    enum class Event : uint8_t {
        none,  // keep feeding
        line,  // Enter: line() holds the line; call begin() for the next one
        eof,   // Ctrl-D on an empty line: the user is done
    };

    void attach(const Io* io, History* history, CompletionSource source) {
        io_ = io;
        history_ = history;
        source_ = source;
    }
    // Starts a new, empty line and prints the prompt.
    void begin(const char* prompt);
    Event feed(uint8_t byte);

    // Draws the prompt and the line again on the cursor's row (after output from elsewhere).
    void redraw() { refresh(); }

    const char* line() const { return buf_; }  // NUL-terminated
    // The finished line, writable (for splitting in place) until the next begin().
    char* take_line() { return buf_; }
    size_t length() const { return len_; }
    size_t cursor() const { return pos_; }

  private:
    void out(const char* s, size_t n) { write_to(io_, s, n); }
    void out(const char* s);
    void new_line();
    void out_format(const char* fmt, unsigned n);
    void cursor_back(size_t n);
    void paint(size_t from);
    void refresh();
    void splice(size_t from, size_t to, const char* s = "", size_t n = 0);
    void recall(unsigned back);
    void gather(size_t start, Completion& into);
    void complete();
    Event edit(Key key);

    // The scalars come first: at small offsets from `this` a Cortex-M reaches them with
    // 16-bit loads and stores (the line buffer would push them past the short range).
    size_t len_ = 0;
    size_t pos_ = 0;
    size_t shown_ = 0;  // characters of the line the screen shows after the prompt
    uint8_t back_ = 0;         // history entries back on show: 0 = the line being typed
    bool discarding_ = false;  // an overlong line: input is dropped up to the next Enter
    KeyDecoder keys_;
    const char* prompt_ = nullptr;  // zero-initialised state: .bss, not .data
    const Io* io_ = nullptr;
    History* history_ = nullptr;
    CompletionSource source_ = nullptr;
    char buf_[SHELL_LINE_MAX] = {};
};

}  // namespace tern::shell
