#include "ccbpf.h"
int main(void) {
    int zero = 0;
    printf("start\n");
    return 7 % zero;
}
