#include "ccbpf.h"
uint32_t crc_table[256];
void make_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
uint32_t crc32(const char *s, int n) {
    uint32_t c = 0xFFFFFFFFu;
    for (int i = 0; i < n; i++) c = crc_table[(c ^ (uint8_t)s[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}
int main(void) {
    make_table();
    printf("%08x\n", crc32("123456789", 9));
    printf("%08x\n", crc32("The quick brown fox jumps over the lazy dog", 43));
    printf("%08x\n", crc32("", 0));
    return crc32("123456789", 9) == 0xCBF43926u ? 0 : 1;
}
