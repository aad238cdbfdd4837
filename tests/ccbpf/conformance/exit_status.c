#include "ccbpf.h"
void check(int v) {
    if (v > 3) {
        printf("bailing out at %d\n", v);
        exit(7);
    }
}
int main(void) {
    for (int i = 0; i < 10; i++) {
        printf("step %d\n", i);
        check(i);
    }
    return 0;
}
