#include "ccbpf.h"
int grid[2][4];
int main(void) {
    int (*rows)[] = grid;
    return 0;
}
