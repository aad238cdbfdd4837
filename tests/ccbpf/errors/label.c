#include "ccbpf.h"
int main(void) {
again:
    return 0;
}
