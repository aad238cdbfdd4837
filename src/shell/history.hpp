// Command history: the last SHELL_HISTORY_DEPTH lines, packed NUL-terminated, newest
// first, into one SHELL_HISTORY_BYTES store (a new line moves the others up and pushes the
// oldest off the end). Packing keeps eight entries in far less RAM
// than eight full-length line buffers; a very long line simply pushes out more old ones.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/shell.hpp"

namespace tern::shell {

class History {
  public:
    static constexpr unsigned depth = SHELL_HISTORY_DEPTH;
    static constexpr size_t capacity = SHELL_HISTORY_BYTES;

    // Keeps `line` (not blank lines, not a repeat of the newest entry).
    void add(const char* line, size_t n);
    unsigned count() const { return count_; }
    // age 0 is the newest entry; null when there is no such entry.
    const char* newest(unsigned age) const;
    // index 0 is the oldest entry (for listing).
    const char* at(unsigned index) const { return newest(count_ - 1u - index); }  // wraps: null
    void clear() { count_ = 0; }

  private:
    // One byte more than the capacity: a NUL that no add() overwrites ends a cut-off entry.
    char store_[depth > 0 ? capacity + 1 : 1] = {};
    uint8_t count_ = 0;
};

}  // namespace tern::shell
