#include "ccbpf.h"
int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
int main(void) {
    for (int m = 0; m <= 2; m++)
        for (int n = 0; n <= 3; n++) printf("A(%d,%d)=%d\n", m, n, ack(m, n));
    printf("A(3,2)=%d\n", ack(3, 2));
    return 0;
}
