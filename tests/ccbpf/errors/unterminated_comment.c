#include "ccbpf.h"
int main(void) {
    /* this never ends
    return 0;
}
