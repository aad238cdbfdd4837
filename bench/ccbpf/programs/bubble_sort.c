#include "ccbpf.h"
#define N 4000
int a[N];
int main(void) {
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = (int)((x >> 8) % 100000u);
    }
    for (int i = 0; i < N - 1; i++)
        for (int j = 0; j < N - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
    uint32_t check = 0;
    for (int i = 0; i < N; i++) check = check * 31u + (uint32_t)a[i];
    printf("%d %d %u\n", a[0], a[N - 1], check);
    return 0;
}
