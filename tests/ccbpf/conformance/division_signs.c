#include "ccbpf.h"
int main(void) {
    int a[] = {7, -7, 7, -7, 0, 1, -1};
    int b[] = {2, 2, -2, -2, 5, 3, 3};
    for (int i = 0; i < 7; i++) printf("%d/%d=%d %d%%%d=%d\n", a[i], b[i], a[i] / b[i], a[i], b[i], a[i] % b[i]);
    unsigned u = 4294967295u;
    printf("%u %u\n", u / 7u, u % 7u);
    int m = -2147483647 - 1;
    printf("%d %d\n", m / 2, m % 3);
    return 0;
}
