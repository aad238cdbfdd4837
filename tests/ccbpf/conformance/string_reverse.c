#include "ccbpf.h"
void reverse(char *s) {
    char *e = s;
    while (*e) e++;
    e--;
    while (s < e) {
        char t = *s;
        *s++ = *e;
        *e-- = t;
    }
}
int main(void) {
    char words[3][16] = {"stressed", "drawer", "ccBPF!"};
    for (int i = 0; i < 3; i++) {
        reverse(words[i]);
        printf("%s\n", words[i]);
    }
    return 0;
}
