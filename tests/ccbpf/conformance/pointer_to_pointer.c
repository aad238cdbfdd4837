#include "ccbpf.h"
void set(int **pp, int *target) { *pp = target; }
void bump_all(int **ptrs, int n) {
    for (int i = 0; i < n; i++) (**(ptrs + i))++;
}
int main(void) {
    int a = 1, b = 2, c = 3;
    int *p = &a;
    int **pp = &p;
    **pp = 10;
    set(pp, &b);
    *p = 20;
    int *list[3] = {&a, &b, &c};
    bump_all(list, 3);
    printf("%d %d %d\n", a, b, c);
    int ***ppp = &pp;
    printf("%d\n", ***ppp);
    const char *names[] = {"zero", "one", "two"};
    const char **np = names;
    np++;
    printf("%s %c\n", *np, **np);
    return 0;
}
