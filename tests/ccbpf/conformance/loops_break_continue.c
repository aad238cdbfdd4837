#include "ccbpf.h"
int main(void) {
    int found = 0;
    for (int i = 1; i < 50; i++) {
        if (i % 3) continue;
        for (int j = i; j < 50; j++) {
            if (i * j > 200) break;
            if ((i + j) % 7 == 0) found++;
        }
    }
    printf("%d\n", found);
    int n = 0;
    while (1) {
        n++;
        if (n < 10) continue;
        if (n * n > 300) break;
    }
    printf("%d\n", n);
    int k = 100;
    for (;;) {
        k -= 7;
        if (k < 0) break;
    }
    printf("%d\n", k);
    return 0;
}
