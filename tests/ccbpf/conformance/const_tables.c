#include "ccbpf.h"
static const uint8_t sbox[16] = {0xE, 4, 0xD, 1, 2, 0xF, 0xB, 8, 3, 0xA, 6, 0xC, 5, 9, 0, 7};
static const char hex[] = "0123456789abcdef";
const short weights[2][4] = {{1, -2, 3, -4}, {-5, 6, -7, 8}};
int main(void) {
    uint32_t x = 0x1234ABCDu, y = 0;
    for (int i = 0; i < 8; i++) y |= (uint32_t)sbox[(x >> (4 * i)) & 0xF] << (4 * i);
    printf("%08x\n", y);
    for (int i = 28; i >= 0; i -= 4) putchar(hex[(y >> i) & 15]);
    putchar('\n');
    int s = 0;
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 4; c++) s += weights[r][c] * (c + 1);
    printf("%d\n", s);
    return 0;
}
