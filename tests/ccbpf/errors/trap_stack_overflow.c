#include "ccbpf.h"
int deep(int n) {
    int big[400];
    big[0] = n;
    return n == 0 ? 0 : deep(n - 1) + big[0];
}
int main(void) {
    return deep(100);
}
