#include "ccbpf.h"
int data[20] = {42, 7, -3, 19, 0, 88, -50, 23, 23, 5, 99, -1, 64, 12, 31, 8, 77, -20, 3, 14};
void sort(int *a, int n) {
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}
int main(void) {
    sort(data, 20);
    for (int i = 0; i < 20; i++) printf("%d ", data[i]);
    printf("\n");
    return 0;
}
