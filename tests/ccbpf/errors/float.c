#include "ccbpf.h"
int main(void) {
    float x = 1;
    return 0;
}
