#include "ccbpf.h"
int steps(unsigned n) {
    int s = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        s++;
    }
    return s;
}
int main(void) {
    int best = 0, arg = 0;
    for (unsigned n = 1; n < 120; n++) {
        int s = steps(n);
        if (s > best) {
            best = s;
            arg = (int)n;
        }
    }
    printf("longest chain below 120 starts at %d (%d steps)\n", arg, best);
    return 0;
}
