#include "history.hpp"

#include <string.h>

namespace tern::shell {

void History::add(const char* line, size_t n) {
    size_t blank = 0;
    while (blank < n && line[blank] == ' ') ++blank;
    if (depth == 0 || blank == n || n + 1 > capacity) return;  // nothing worth recalling
    const char* last = newest(0);
    if (last != nullptr && strncmp(last, line, n) == 0 && last[n] == '\0') return;
    while (count_ >= depth || used_ + n + 1 > capacity) {  // drop the oldest
        size_t oldest = strlen(store_) + 1;
        used_ = static_cast<uint16_t>(used_ - oldest);
        --count_;
        memmove(store_, store_ + oldest, used_);
    }
    memcpy(store_ + used_, line, n);
    store_[used_ + n] = '\0';
    used_ = static_cast<uint16_t>(used_ + n + 1);
    ++count_;
}

const char* History::at(unsigned index) const {
    if (index >= count_) return nullptr;
    const char* p = store_;
    while (index-- > 0) p += strlen(p) + 1;
    return p;
}

}  // namespace tern::shell
