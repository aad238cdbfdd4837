#include "ccbpf.h"
int next_id(void) {
    static int id = 100;
    return id++;
}
int calls(void) {
    static int n;
    return ++n;
}
const char *ring(void) {
    static const char *names[3] = {"red", "green", "blue"};
    static int i;
    const char *r = names[i];
    i = (i + 1) % 3;
    return r;
}
int main(void) {
    for (int i = 0; i < 3; i++) printf("%d %d\n", next_id(), calls());
    for (int i = 0; i < 5; i++) printf("%s ", ring());
    printf("\n");
    return 0;
}
