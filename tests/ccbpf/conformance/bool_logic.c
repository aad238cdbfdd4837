#include "ccbpf.h"
bool xor_bool(bool a, bool b) { return a != b; }
int main(void) {
    bool t = true, f = false;
    printf("%d %d %d %d\n", t && f, t || f, !t, xor_bool(t, f));
    bool from_int = 256;
    bool from_neg = -1;
    bool from_zero = 0;
    printf("%d %d %d\n", from_int, from_neg, from_zero);
    int count = 0;
    for (int i = 0; i < 10; i++) {
        bool even = i % 2 == 0;
        count += even;
    }
    printf("%d %u\n", count, sizeof(bool));
    return 0;
}
