#include "ccbpf.h"
unsigned fact(unsigned n) { return n <= 1 ? 1u : n * fact(n - 1); }
int main(void) {
    for (unsigned i = 0; i < 16; i++) printf("%u! = %u\n", i, fact(i));  /* wraps past 12! */
    return 0;
}
