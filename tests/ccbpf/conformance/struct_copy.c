#include "ccbpf.h"
struct vec {
    int v[4];
    char name[6];
};
int main(void) {
    struct vec a = {{1, 2, 3, 4}, "aaa"};
    struct vec b;
    b = a;
    b.v[0] = 100;
    b.name[0] = 'b';
    struct vec c = b;
    c.v[3] = -4;
    printf("%d %d %s | %d %d %s | %d %d %s\n", a.v[0], a.v[3], a.name, b.v[0], b.v[3], b.name, c.v[0], c.v[3],
           c.name);
    struct vec arr[2];
    arr[1] = c;
    arr[0] = arr[1];
    printf("%d %s\n", arr[0].v[3], arr[0].name);
    return 0;
}
