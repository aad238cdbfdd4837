#include "ccbpf.h"
int main(void) {
    char s[] = "the quick brown fox jumps over the lazy dog";
    int n = sizeof(s) - 1;
    for (int i = 1; i < n; i++) {
        char key = s[i];
        int j = i - 1;
        while (j >= 0 && s[j] > key) {
            s[j + 1] = s[j];
            j--;
        }
        s[j + 1] = key;
    }
    printf("[%s] %d\n", s, n);
    return 0;
}
