#include "ccbpf.h"
int main(void) {
    int s = -1000;
    unsigned u = 0xF0000000u;
    for (int k = 0; k < 32; k += 5) printf("%d %d %u %x\n", k, s >> k, u >> k, 1u << k);
    printf("%d %d\n", -7 >> 1, -8 >> 3);
    printf("%x %x\n", 0x12345678 << 4, (unsigned)0x87654321 >> 4);
    int8_t c = -128;
    printf("%d %d\n", c >> 2, (uint8_t)c >> 2);
    return 0;
}
