#include "ccbpf.h"
int main(void) {
    int (*(*p))[4];
    return 0;
}
