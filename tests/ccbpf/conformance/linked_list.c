#include "ccbpf.h"
struct node {
    int value;
    struct node *next;
};
struct node pool[16];
int used;
struct node *push(struct node *head, int v) {
    struct node *n = &pool[used++];
    n->value = v;
    n->next = head;
    return n;
}
struct node *reverse(struct node *h) {
    struct node *prev = NULL;
    while (h) {
        struct node *next = h->next;
        h->next = prev;
        prev = h;
        h = next;
    }
    return prev;
}
void print(struct node *h) {
    for (; h != NULL; h = h->next) printf("%d -> ", h->value);
    printf("nil\n");
}
int main(void) {
    struct node *list = NULL;
    for (int i = 1; i <= 6; i++) list = push(list, i * i);
    print(list);
    list = reverse(list);
    print(list);
    int sum = 0;
    for (struct node *p = list; p; p = p->next) sum += p->value;
    printf("sum %d\n", sum);
    return 0;
}
