#include "ccbpf.h"
int stack[32];
int sp;
void push(int v) { stack[sp++] = v; }
int pop(void) { return stack[--sp]; }
int eval(const char *s) {
    sp = 0;
    while (*s) {
        char c = *s;
        if (c >= '0' && c <= '9') {
            int v = 0;
            while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
            push(v);
            continue;
        }
        if (c != ' ') {
            int b = pop(), a = pop();
            switch (c) {
                case '+': push(a + b); break;
                case '-': push(a - b); break;
                case '*': push(a * b); break;
                case '/': push(a / b); break;
            }
        }
        s++;
    }
    return pop();
}
int main(void) {
    const char *progs[] = {"3 4 +", "5 1 2 + 4 * + 3 -", "2 3 4 * +", "100 7 / 7 *", "9 10 -"};
    for (int i = 0; i < 5; i++) printf("%s = %d\n", progs[i], eval(progs[i]));
    return 0;
}
