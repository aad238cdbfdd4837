#include "ccbpf.h"
int g = 100;
int main(void) {
    int x = 1000;
    x += 5; printf("%d ", x);
    x -= 15; printf("%d ", x);
    x *= 3; printf("%d ", x);
    x /= 7; printf("%d ", x);
    x %= 100; printf("%d ", x);
    x <<= 4; printf("%d ", x);
    x >>= 2; printf("%d ", x);
    x &= 0xF3; printf("%d ", x);
    x |= 0x100; printf("%d ", x);
    x ^= 0x55; printf("%d\n", x);
    g += 1; g *= g; g -= 1;
    printf("%d\n", g);
    int arr[3] = {1, 2, 3};
    int *p = arr;
    p[1] += 40; *p -= 2; p += 2; *p *= 9;
    printf("%d %d %d\n", arr[0], arr[1], arr[2]);
    char c = 'a';
    c += 300;
    printf("%d\n", c);
    unsigned u = 5;
    u -= 10;
    u >>= 28;
    printf("%u\n", u);
    return 0;
}
