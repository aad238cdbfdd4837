#include "ccbpf.h"
int main(void) {
    unsigned a = 0;
    a--;
    printf("%u %x\n", a, a);
    unsigned b = 4000000000u;
    b += 500000000u;
    printf("%u\n", b);
    uint32_t m = 0xffffffffu;
    printf("%u %u\n", m * m, m + 2);
    uint16_t h = 65535;
    h++;
    uint8_t c = 250;
    c += 10;
    printf("%u %u\n", h, c);
    unsigned x = 7;
    printf("%d %d\n", x > -1, -1 < 0);
    printf("%u %u\n", 10u / 3u, (unsigned)-10 / 3u);
    return 0;
}
