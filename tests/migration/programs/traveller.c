/* Asks to move itself every few lines (migrate() returns 0 wherever it lands), on top of
 * the moves the simulator makes at random instructions. */
#include "ccbpf.h"

const char *stops[3] = {"n1", "n2", "n3"};

int main(void) {
    int sum = 0;
    for (int i = 0; i < 30; i++) {
        sum += i * i;
        printf("leg %d sum %d\n", i, sum);
        if (i % 4 == 3) sum += migrate(stops[i % 3]);
    }
    printf("arrived %d\n", sum);
    return 0;
}
