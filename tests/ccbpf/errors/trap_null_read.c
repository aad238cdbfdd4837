#include "ccbpf.h"
struct node { int value; struct node *next; };
int main(void) {
    struct node n = {1, NULL};
    printf("%d\n", n.value);
    return n.next->value;
}
