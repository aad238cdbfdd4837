#include "ccbpf.h"
int calls;
int t(int v) {
    calls++;
    return v;
}
int main(void) {
    int r1 = t(0) && t(1);
    int r2 = t(1) || t(0);
    int r3 = t(1) && t(2) && t(0) && t(5);
    int r4 = t(0) || t(0) || t(3);
    printf("%d %d %d %d calls=%d\n", r1, r2, r3, r4, calls);
    int *p = NULL;
    if (p && *p) printf("never\n");
    if (!p || *p == 0) printf("safe\n");
    int x = 7;
    printf("%d %d %d\n", x > 5 && x < 10, x < 5 || x > 6, !(x == 7) || 0);
    return 0;
}
