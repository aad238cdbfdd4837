#include "ccbpf.h"
uint32_t fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (uint8_t)*s++;
        h *= 16777619u;
    }
    return h;
}
uint32_t djb2(const char *s) {
    uint32_t h = 5381;
    int c;
    while ((c = *s++)) h = ((h << 5) + h) + c;
    return h;
}
int main(void) {
    const char *words[] = {"", "a", "foobar", "ccBPF", "migration"};
    for (int i = 0; i < 5; i++) printf("%-10s %08x %u\n", words[i], fnv1a(words[i]), djb2(words[i]));
    return 0;
}
