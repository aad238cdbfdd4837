#include "ccbpf.h"
int main(void) {
    int x = 1.5;
    return x;
}
