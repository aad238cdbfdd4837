#include "ccbpf.h"
#define N 40
int a[N], tmp[N];
void merge_sort(int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = (lo + hi) / 2;
    merge_sort(lo, mid);
    merge_sort(mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    for (k = lo; k < hi; k++) a[k] = tmp[k];
}
int main(void) {
    for (int i = 0; i < N; i++) a[i] = (i * 37 + 11) % 53;
    merge_sort(0, N);
    for (int i = 0; i < N; i++) printf("%d ", a[i]);
    putchar('\n');
    return 0;
}
