/* Counts with a sleep between lines: a move may land while it waits in sleep_ms(), and the
 * time left must go with it (the output does not depend on the clock, only on the order). */
#include "ccbpf.h"

int main(void) {
    int acc = 1;
    for (int i = 0; i < 12; i++) {
        acc = acc * 3 % 1000;
        printf("tick %d acc %d\n", i, acc);
        sleep_ms(7 + i % 3);
    }
    printf("slept well\n");
    return 0;
}
