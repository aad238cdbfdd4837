#include "ccbpf.h"
int max3(int a, int b, int c) { return a > b ? (a > c ? a : c) : (b > c ? b : c); }
int main(void) {
    printf("%d %d %d\n", max3(1, 2, 3), max3(9, 2, 3), max3(1, 8, 3));
    for (int i = -2; i <= 2; i++) printf("%s ", i < 0 ? "neg" : i == 0 ? "zero" : "pos");
    printf("\n");
    int x = 5;
    int *p = x > 3 ? &x : NULL;
    printf("%d\n", p ? *p : -1);
    unsigned u = 1;
    printf("%d\n", (x > 100 ? u : -1) > 0);
    return 0;
}
