#include "ccbpf.h"
int main(void) {
    char c = (char)200;
    unsigned char uc = 200;
    signed char sc = -56;
    printf("%d %d %d\n", c, uc, sc);
    printf("%d %d\n", c == sc, (unsigned char)c == uc);
    char s[] = "\xff\x80\x7f";
    for (int i = 0; i < 3; i++) printf("%d ", s[i]);
    printf("\n%d %d\n", '\xff', '\101');
    int sum = 0;
    for (char k = 'a'; k <= 'z'; k++) sum += k;
    printf("%d\n", sum);
    return 0;
}
