#include "ccbpf.h"
int main(void) {
    int v = 0x12345678;
    printf("%d %d %d %d\n", (char)v, (unsigned char)v, (short)v, (unsigned short)v);
    printf("%d %u\n", (int)(unsigned)-5, (unsigned)(int)-5);
    int neg = -1;
    printf("%u %d\n", (uint8_t)neg, (int8_t)255);
    unsigned char bytes[4];
    uint32_t w = 0xA1B2C3D4u;
    for (int i = 0; i < 4; i++) bytes[i] = (uint8_t)(w >> (8 * i));
    printf("%x %x %x %x\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    char *p = (char *)bytes;
    printf("%d\n", p[0]);
    uint32_t *wp = (uint32_t *)bytes;
    printf("%x\n", *wp);
    return 0;
}
