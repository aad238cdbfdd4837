#include "ccbpf.h"
int popcount(uint32_t x) {
    int c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}
uint32_t reverse_bits(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}
bool is_pow2(uint32_t x) { return x && !(x & (x - 1)); }
uint32_t next_pow2(uint32_t x) {
    x--;
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return x + 1;
}
int main(void) {
    uint32_t v[] = {0, 1, 2, 3, 255, 256, 0x80000000u, 0xdeadbeefu, 1000};
    for (int i = 0; i < 9; i++)
        printf("%08x pop=%d rev=%08x pow2=%d next=%u lowbit=%x\n", v[i], popcount(v[i]), reverse_bits(v[i]),
               is_pow2(v[i]), next_pow2(v[i]), v[i] & -v[i]);
    int x = 5, y = 9;
    x ^= y;
    y ^= x;
    x ^= y;
    printf("%d %d\n", x, y);
    return 0;
}
