#include "ccbpf.h"
int main(void) {
    puts("no end);
    return 0;
}
