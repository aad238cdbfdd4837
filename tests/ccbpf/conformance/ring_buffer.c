#include "ccbpf.h"
#define CAP 8
typedef struct {
    int buf[CAP];
    unsigned head, tail;
} Ring;
bool put(Ring *r, int v) {
    if (r->head - r->tail == CAP) return false;
    r->buf[r->head++ % CAP] = v;
    return true;
}
bool get(Ring *r, int *v) {
    if (r->head == r->tail) return false;
    *v = r->buf[r->tail++ % CAP];
    return true;
}
int main(void) {
    Ring r = {{0}, 0, 0};
    int v, dropped = 0;
    for (int i = 0; i < 12; i++)
        if (!put(&r, i * 3)) dropped++;
    printf("dropped %d\n", dropped);
    for (int i = 0; i < 5 && get(&r, &v); i++) printf("%d ", v);
    for (int i = 100; i < 104; i++) put(&r, i);
    while (get(&r, &v)) printf("%d ", v);
    printf("\n%u %u\n", r.head, r.tail);
    return 0;
}
