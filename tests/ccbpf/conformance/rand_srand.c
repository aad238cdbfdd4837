#include "ccbpf.h"
int main(void) {
    for (int i = 0; i < 5; i++) printf("%d ", rand());
    printf("\n");
    srand(42);
    int hist[10] = {0};
    for (int i = 0; i < 1000; i++) hist[rand() % 10]++;
    for (int i = 0; i < 10; i++) printf("%d ", hist[i]);
    printf("\n");
    srand(42);
    printf("%d\n", rand());
    return 0;
}
