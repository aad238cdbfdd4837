#include "ccbpf.h"
int main(void) {
    puts("about to abort");
    abort();
    return 0;
}
