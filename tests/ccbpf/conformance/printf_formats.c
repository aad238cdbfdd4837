#include "ccbpf.h"
int main(void) {
    int vals[] = {0, 7, -7, 123456, -2147483647 - 1, 2147483647};
    for (int i = 0; i < 6; i++) printf("[%d][%5d][%-5d][%05d][%i]\n", vals[i], vals[i], vals[i], vals[i], vals[i]);
    unsigned u[] = {0, 255, 4294967295u, 3735928559u};
    for (int i = 0; i < 4; i++) printf("[%u][%x][%X][%8x][%-8X][%08x]\n", u[i], u[i], u[i], u[i], u[i], u[i]);
    printf("[%c][%3c][%-3c]\n", 'a', 'b', 'c');
    printf("[%s][%8s][%-8s][%2s]\n", "str", "right", "left", "toolong");
    printf("100%% done %d%%\n", 50);
    int n = printf("count me\n");
    printf("%d\n", n);
    return 0;
}
