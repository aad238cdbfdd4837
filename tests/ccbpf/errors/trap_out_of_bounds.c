#include "ccbpf.h"
int table[4];
int main(void) {
    int *p = table;
    for (int i = 0;; i += 1000) {
        p[i] = i;
    }
    return 0;
}
