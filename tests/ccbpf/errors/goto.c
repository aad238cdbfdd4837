#include "ccbpf.h"
int main(void) {
    goto out;
    return 1;
}
