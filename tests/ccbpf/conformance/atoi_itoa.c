#include "ccbpf.h"
int my_atoi(const char *s) {
    int sign = 1, v = 0;
    while (*s == ' ') s++;
    if (*s == '-' || *s == '+') sign = *s++ == '-' ? -1 : 1;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return sign * v;
}
char *my_itoa(int v, char *buf, int base) {
    char tmp[34];
    int i = 0, neg = v < 0 && base == 10;
    unsigned u = neg ? 0u - (unsigned)v : (unsigned)v;
    do {
        int d = u % base;
        tmp[i++] = d < 10 ? '0' + d : 'a' + d - 10;
        u /= base;
    } while (u);
    char *p = buf;
    if (neg) *p++ = '-';
    while (i) *p++ = tmp[--i];
    *p = 0;
    return buf;
}
int main(void) {
    char b[40];
    printf("%d %d %d %d\n", my_atoi("  42"), my_atoi("-17xyz"), my_atoi("+8"), my_atoi("0"));
    printf("%s %s %s\n", my_itoa(-12345, b, 10), my_itoa(255, b + 10, 2), my_itoa(48879, b + 20, 16));
    printf("%s\n", my_itoa(-2147483647 - 1, b, 10));
    return 0;
}
