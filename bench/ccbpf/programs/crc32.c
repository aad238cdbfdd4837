#include "ccbpf.h"
#define LEN 65536
uint32_t table[256];
uint8_t data[LEN];
int main(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (int i = 0; i < LEN; i++) data[i] = (uint8_t)(i * 7 + (i >> 5));
    uint32_t crc = 0;
    for (int round = 0; round < 40; round++) {
        uint32_t c = 0xFFFFFFFFu;
        for (int i = 0; i < LEN; i++) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        crc ^= c ^ 0xFFFFFFFFu;
    }
    printf("%08x\n", crc);
    return 0;
}
