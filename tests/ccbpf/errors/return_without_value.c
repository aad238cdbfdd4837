#include "ccbpf.h"
static int half(int x) {
    if (x < 0)
        return;
    return x / 2;
}
int main(void) { return half(4); }
