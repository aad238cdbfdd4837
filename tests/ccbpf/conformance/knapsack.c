#include "ccbpf.h"
#define ITEMS 6
#define CAPACITY 15
int weight[ITEMS] = {1, 5, 3, 4, 6, 2};
int value[ITEMS] = {3, 10, 7, 8, 12, 4};
int best[ITEMS + 1][CAPACITY + 1];
int main(void) {
    for (int i = 1; i <= ITEMS; i++)
        for (int w = 0; w <= CAPACITY; w++) {
            best[i][w] = best[i - 1][w];
            if (weight[i - 1] <= w) {
                int with = best[i - 1][w - weight[i - 1]] + value[i - 1];
                if (with > best[i][w]) best[i][w] = with;
            }
        }
    printf("best value %d\n", best[ITEMS][CAPACITY]);
    int w = CAPACITY;
    for (int i = ITEMS; i > 0; i--)
        if (best[i][w] != best[i - 1][w]) {
            printf("take item %d\n", i - 1);
            w -= weight[i - 1];
        }
    return 0;
}
