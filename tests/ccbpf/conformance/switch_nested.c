#include "ccbpf.h"
int main(void) {
    int out = 0;
    for (int i = 0; i < 4; i++) {
        switch (i % 2) {
            case 0:
                switch (i) {
                    case 0: out += 1; break;
                    default: out += 2; break;
                }
                break;
            default:
                for (int j = 0; j < 5; j++) {
                    if (j == 3) break;
                    if (j == 1) continue;
                    out += 100;
                }
        }
        if (i == 2) continue;
        out *= 2;
    }
    printf("%d\n", out);
    char ops[] = "+-*/%?";
    int a = 17, b = 5;
    for (int k = 0; ops[k]; k++) {
        int r;
        switch (ops[k]) {
            case '+': r = a + b; break;
            case '-': r = a - b; break;
            case '*': r = a * b; break;
            case '/': r = a / b; break;
            case '%': r = a % b; break;
            default: r = -1;
        }
        printf("%c=%d ", ops[k], r);
    }
    printf("\n");
    return 0;
}
