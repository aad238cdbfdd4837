/* The migration demo's program: a counting sequence with a little arithmetic, state in
 * globals, locals and a nested call, so a move at any instruction must carry all three. */
#include "ccbpf.h"

static int total = 0;

static int square_sum(int n) {
    int s = 0;
    for (int i = 1; i <= n; i++) s += i * i;
    return s;
}

int main(void) {
    for (int count = 1; count <= 40; count++) {
        total += count;
        printf("count %d total %d squares %d\n", count, total, square_sum(count % 7 + 1));
    }
    printf("done %d\n", total);
    return 0;
}
