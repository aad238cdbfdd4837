#include "ccbpf.h"
int main(void) {
    int i = 5;
    int a = i++;
    int b = ++i;
    int c = i--;
    int d = --i;
    printf("%d %d %d %d %d\n", a, b, c, d, i);
    int arr[5] = {10, 20, 30, 40, 50};
    int *p = arr;
    printf("%d ", *p++);
    printf("%d ", *++p);
    printf("%d ", ++*p);
    printf("%d ", (*p)++);
    printf("%d ", *p);
    printf("%d\n", *--p);
    char s[] = "abc";
    char *q = s;
    while (*q) (*q++)--;
    printf("%s\n", s);
    static int counter;
    counter++;
    counter++;
    printf("%d\n", counter);
    return 0;
}
