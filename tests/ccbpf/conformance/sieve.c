#include "ccbpf.h"
#define LIMIT 500
char composite[LIMIT + 1];
int main(void) {
    int count = 0;
    for (int i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    for (int i = 2; i <= LIMIT; i++)
        if (!composite[i]) {
            count++;
            if (i > 450) printf("%d ", i);
        }
    printf("\n%d primes below %d\n", count, LIMIT);
    return count == 95 ? 0 : 1;
}
