#include "history.hpp"

#include <string.h>

namespace tern::shell {

void History::add(const char* line, size_t n) {
    size_t blank = 0;
    while (blank < n && line[blank] == ' ') ++blank;
    if (depth == 0 || blank == n || n + 1 > capacity) return;  // nothing worth recalling
    if (count_ > 0 && strncmp(store_, line, n) == 0 && store_[n] == '\0') return;  // a repeat
    // Keeps the newest entries that fit beside the new one, and moves them up behind it.
    size_t kept_bytes = 0;
    unsigned kept = 0;
    while (kept < count_ && kept + 1 < depth) {
        size_t next = kept_bytes + strlen(store_ + kept_bytes) + 1;
        if (next + n + 1 > capacity) break;
        kept_bytes = next;
        ++kept;
    }
    memmove(store_ + n + 1, store_, kept_bytes);
    memcpy(store_, line, n);
    store_[n] = '\0';
    count_ = static_cast<uint8_t>(kept + 1);
}

const char* History::newest(unsigned age) const {
    if (age >= count_) return nullptr;
    const char* p = store_;
    while (age-- > 0) p += strlen(p) + 1;
    return p;
}

}  // namespace tern::shell
