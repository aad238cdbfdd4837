#include "history.hpp"

#include <string.h>

namespace tern::shell {

void History::add(const char* line, size_t n) {
    size_t blank = 0;
    while (blank < n && line[blank] == ' ') ++blank;
    if (depth == 0 || blank == n || n + 1 > capacity) return;  // nothing worth recalling
    if (count_ > 0 && strncmp(store_, line, n) == 0 && store_[n] == '\0') return;  // a repeat
    // The older entries move up behind the new one; what passes the end falls off, and
    // only the entries still whole (and within the depth) count.
    memmove(store_ + n + 1, store_, capacity - n - 1);
    memcpy(store_, line, n);
    store_[n] = '\0';
    unsigned kept = 1;
    const char* end = store_ + capacity;
    for (const char* p = store_ + n + 1; kept <= count_ && kept < depth; ++kept) {
        p += strlen(p) + 1;  // store_[capacity] is always NUL: a cut entry ends there
        if (p > end) break;
    }
    count_ = static_cast<uint8_t>(kept);
}

const char* History::newest(unsigned age) const {
    if (age >= count_) return nullptr;
    const char* p = store_;
    while (age-- > 0) p += strlen(p) + 1;
    return p;
}

}  // namespace tern::shell
