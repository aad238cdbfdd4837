#include "ccbpf.h"
struct pair { int a; short b; };
int main(void) {
    int arr[10];
    for (int i = 0; i < 10; i++) arr[i] = i * i;
    int *p = arr + 3, *q = &arr[8];
    printf("%d %d %d %d\n", *p, *q, q - p, p - q);
    printf("%d %d %d\n", p < q, p == q - 5, *(q - 2));
    struct pair ps[4];
    struct pair *sp = ps;
    sp += 3;
    printf("%d %u\n", sp - ps, sizeof(struct pair));
    char *c1 = (char *)&ps[0], *c2 = (char *)&ps[2];
    printf("%d\n", c2 - c1);
    int *end = arr + 10;
    int sum = 0;
    for (int *it = arr; it != end; ++it) sum += *it;
    printf("%d\n", sum);
    return 0;
}
