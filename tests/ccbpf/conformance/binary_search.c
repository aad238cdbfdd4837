#include "ccbpf.h"
const int sorted[] = {1, 3, 4, 9, 11, 15, 22, 37, 40, 41, 58, 63, 70, 85, 99};
int find(const int *a, int n, int key) {
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] == key) return mid;
        if (a[mid] < key) lo = mid + 1;
        else hi = mid - 1;
    }
    return -1;
}
int main(void) {
    int n = sizeof sorted / sizeof sorted[0];
    for (int k = 0; k < 100; k += 7) printf("%d->%d ", k, find(sorted, n, k));
    printf("\n%d %d\n", find(sorted, n, 99), find(sorted, n, 1));
    return 0;
}
