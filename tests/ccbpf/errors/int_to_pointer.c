#include "ccbpf.h"
int main(void) {
    int *p = 1234;
    return *p;
}
