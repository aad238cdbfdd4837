#include "ccbpf.h"
void store(int *p, int v) {
    *p = v;
}
int main(void) {
    store(NULL, 5);
    return 0;
}
