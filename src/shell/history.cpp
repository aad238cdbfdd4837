#include "history.hpp"

#include <string.h>

namespace tern::shell {

void History::drop_oldest() {
    size_t first = strlen(store_) + 1;
    memmove(store_, store_ + first, used_ - first);
    used_ = static_cast<uint16_t>(used_ - first);
    --count_;
}

void History::add(const char* line, size_t n) {
    size_t blank = 0;
    while (blank < n && line[blank] == ' ') ++blank;
    if (depth == 0 || blank == n || n + 1 > capacity) return;  // nothing worth recalling
    const char* last = newest(0);
    if (last != nullptr && strlen(last) == n && memcmp(last, line, n) == 0) return;
    while (count_ >= depth || used_ + n + 1 > capacity) drop_oldest();
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

const char* History::newest(unsigned age) const {
    return age < count_ ? at(count_ - 1 - age) : nullptr;
}

}  // namespace tern::shell
