#include "ccbpf.h"
int is_odd(int n);
int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
int depth(int n);
int main(void) {
    for (int i = 0; i < 8; i++) printf("%d:%d%d ", i, is_even(i), is_odd(i));
    printf("\n%d\n", depth(30));
    return 0;
}
int depth(int n) { return n ? 1 + depth(n - 1) : 0; }
