#include "ccbpf.h"
int main(void) {
    int *p = malloc(16);
    return p != 0;
}
