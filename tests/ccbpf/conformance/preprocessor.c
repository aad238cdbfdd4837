#include "ccbpf.h"
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define N 5
#define TWICE(x) (2 * (x))
#define QUAD(x) TWICE(TWICE(x))
#define DEBUG 1
#define VERSION 3
#define EMPTY
#define LONG_MACRO(a, b, c) \
    ((a) + (b) +            \
     (c))
#ifdef DEBUG
#define LOG(x) printf("log: %d\n", x)
#else
#define LOG(x)
#endif
#if VERSION >= 3 && defined(DEBUG)
const char *feature = "new";
#elif VERSION == 2
const char *feature = "old";
#else
const char *feature = "ancient";
#endif
#ifndef UNDEFINED_THING
int undefined_ok = 1;
#endif
#if 0
this is not C at all
#endif
int main(void) {
    int arr[N];
    for (int i = 0; i < N; i++) arr[i] = SQUARE(i + 1);
    printf("%d %d %d\n", arr[4], MAX(arr[1], arr[2]), QUAD(3));
    LOG(SQUARE(N));
    printf("%s %d %d\n", feature, undefined_ok, LONG_MACRO(1, 2, 3) EMPTY);
#undef N
#define N 9
    printf("%d\n", N);
    return 0;
}
