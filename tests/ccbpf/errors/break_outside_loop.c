#include "ccbpf.h"
int main(void) {
    break;
    return 0;
}
