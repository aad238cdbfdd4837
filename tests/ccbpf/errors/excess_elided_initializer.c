#include "ccbpf.h"
int grid[2][2] = {1, 2, 3, 4, 5};
int main(void) {
    return grid[0][0];
}
