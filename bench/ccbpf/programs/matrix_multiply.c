#include "ccbpf.h"
#define N 200
int a[N][N], b[N][N], c[N][N];
int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 3 + j) % 17 - 8;
            b[i][j] = (i + j * 5) % 13 - 6;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    uint32_t check = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) check = check * 31u + (uint32_t)c[i][j];
    printf("%d %u\n", c[N - 1][N - 1], check);
    return 0;
}
