#include "ccbpf.h"
int divide(int a, int b) {
    return a / b;
}
int main(void) {
    printf("before\n");
    printf("%d\n", divide(10, 0));
    printf("after\n");
    return 0;
}
