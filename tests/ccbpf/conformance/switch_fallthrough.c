#include "ccbpf.h"
const char *classify(int n) {
    switch (n) {
        case 0: return "zero";
        case 1:
        case 2:
        case 3: return "small";
        case 100000: return "big";
        case -5: return "minus five";
        default: return "other";
    }
}
int main(void) {
    int vals[] = {0, 1, 3, 4, 100000, -5, 7};
    for (int i = 0; i < 7; i++) printf("%d:%s ", vals[i], classify(vals[i]));
    printf("\n");
    for (int i = 0; i < 5; i++) {
        int acc = 0;
        switch (i) {
            case 0: acc += 1;
            case 1: acc += 10;
            case 2: acc += 100; break;
            case 3: acc += 1000;
            default: acc += 10000;
        }
        printf("%d ", acc);
    }
    printf("\n");
    return 0;
}
