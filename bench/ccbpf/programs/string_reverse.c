#include "ccbpf.h"
#define LEN 100000
char text[LEN + 1];
void reverse(char *s, int n) {
    char *e = s + n - 1;
    while (s < e) {
        char t = *s;
        *s++ = *e;
        *e-- = t;
    }
}
int main(void) {
    for (int i = 0; i < LEN; i++) text[i] = (char)('a' + (i * 7) % 26);
    for (int round = 0; round < 101; round++) reverse(text, LEN);
    uint32_t check = 0;
    for (int i = 0; i < LEN; i++) check = check * 31u + (uint8_t)text[i];
    printf("%c%c%c %u\n", text[0], text[1], text[LEN - 1], check);
    return 0;
}
