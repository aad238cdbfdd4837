#include "ccbpf.h"
int main(void) {
    int n = 3;
    while (n--) int8_t step = 1;
    int8_t after = 0;
    return after;
}
