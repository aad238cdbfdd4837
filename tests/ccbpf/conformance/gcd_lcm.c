#include "ccbpf.h"
int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
int gcd_iter(int a, int b) {
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}
int main(void) {
    int pairs[][2] = {{12, 18}, {17, 5}, {100, 75}, {81, 27}, {1071, 462}, {0, 9}};
    for (int i = 0; i < 6; i++) {
        int a = pairs[i][0], b = pairs[i][1];
        int g = gcd(a, b);
        printf("gcd(%d,%d)=%d iter=%d lcm=%d\n", a, b, g, gcd_iter(a, b), g ? a / g * b : 0);
    }
    return 0;
}
