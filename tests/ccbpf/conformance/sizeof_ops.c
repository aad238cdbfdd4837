#include "ccbpf.h"
struct s1 { char c; int i; };
struct s2 { char a, b; short s; };
struct s3 { struct s1 x; char tail; };
int main(void) {
    int arr[7];
    char str[] = "twelve chars";
    int *p = arr;
    printf("%u %u %u\n", sizeof(char), sizeof(short), sizeof(int));
    printf("%u %u %u\n", sizeof(struct s1), sizeof(struct s2), sizeof(struct s3));
    printf("%u %u %u %d\n", sizeof arr, sizeof arr[0], sizeof str, *p == arr[0]);
    int n = 0;
    unsigned z = sizeof(n++);
    printf("%u %d\n", z, n);
    printf("%u\n", sizeof(arr) / sizeof(arr[0]));
    return 0;
}
