#include "ccbpf.h"
short sum_shorts(short *v, int n) {
    short s = 0;
    for (int i = 0; i < n; i++) s += v[i];
    return s;
}
int main(void) {
    short v[6] = {30000, 30000, -1000, 5, -32768, 7};
    printf("%d\n", sum_shorts(v, 6));
    unsigned short us = 60000;
    int promoted = us * 2;
    printf("%d\n", promoted);
    short a = -5;
    unsigned short b = (unsigned short)a;
    printf("%d %u %d\n", a, b, a == -5);
    uint16_t words[3] = {0x1234, 0xffff, 0};
    uint8_t *bytes = (uint8_t *)words;
    printf("%x %x %x %x\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    return 0;
}
