#include "ccbpf.h"
int main(void) {
    const char *text = "  the cat\tsat on\nthe   mat  ";
    int words = 0, lines = 0, chars = 0;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        chars++;
        if (*p == '\n') lines++;
        if (*p == ' ' || *p == '\t' || *p == '\n') in_word = false;
        else if (!in_word) {
            in_word = true;
            words++;
        }
    }
    printf("%d %d %d\n", lines, words, chars);
    return 0;
}
