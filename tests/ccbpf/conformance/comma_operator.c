#include "ccbpf.h"
int main(void) {
    int a, b, c;
    a = (b = 2, c = 3, b + c);
    printf("%d %d %d\n", a, b, c);
    int i, j;
    for (i = 0, j = 10; i < j; i++, j--) {
    }
    printf("%d %d\n", i, j);
    int x = (1, 2, 3);
    printf("%d\n", x);
    return 0;
}
