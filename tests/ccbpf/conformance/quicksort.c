#include "ccbpf.h"
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static int partition(int *a, int lo, int hi) {
    int pivot = a[hi], i = lo - 1;
    for (int j = lo; j < hi; j++)
        if (a[j] <= pivot) swap(&a[++i], &a[j]);
    swap(&a[i + 1], &a[hi]);
    return i + 1;
}
static void quicksort(int *a, int lo, int hi) {
    if (lo < hi) {
        int p = partition(a, lo, hi);
        quicksort(a, lo, p - 1);
        quicksort(a, p + 1, hi);
    }
}
int main(void) {
    int a[32];
    srand(7);
    for (int i = 0; i < 32; i++) a[i] = rand() % 1000 - 500;
    quicksort(a, 0, 31);
    for (int i = 0; i < 32; i++) printf("%d%c", a[i], i % 8 == 7 ? '\n' : ' ');
    for (int i = 1; i < 32; i++)
        if (a[i - 1] > a[i]) return 1;
    return 0;
}
