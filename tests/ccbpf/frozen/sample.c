#include "ccbpf.h"
/* Frozen sample: its image (sample.ccbf) and a mid-run snapshot (sample.snap) are
 * checked in; tests/ccbpf/unit/frozen_test.cpp keeps them readable forever. */
struct counter {
    char name[8];
    int hits;
};
struct counter counters[3] = {{"alpha", 0}, {"beta", 0}, {"gamma", 0}};
int classify(int v) { return v % 7 == 0 ? 0 : (v % 3 == 0 ? 1 : 2); }
int main(void) {
    srand(11);
    for (int i = 1; i <= 40; i++) {
        int v = rand() % 100;
        counters[classify(v)].hits++;
        if (i % 10 == 0) printf("after %d: %s=%d %s=%d %s=%d\n", i, counters[0].name, counters[0].hits,
                                counters[1].name, counters[1].hits, counters[2].name, counters[2].hits);
    }
    return 0;
}
