#include "ccbpf.h"
int main(void) {
    int i = 0;
    do {
        printf("%d ", i);
        i += 3;
    } while (i < 20);
    printf("\n");
    int digits = 0, v = 0;
    do {
        digits++;
        v /= 10;
    } while (v);
    printf("%d\n", digits);
    int n = 12345, rev = 0;
    do {
        rev = rev * 10 + n % 10;
        n /= 10;
        if (rev > 100 && rev < 1000) continue;
    } while (n > 0);
    printf("%d\n", rev);
    return 0;
}
