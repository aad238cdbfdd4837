#include "ccbpf.h"
int twice(int x) { return 2 * x; }
int main(void) {
    int v = twice;
    return v;
}
