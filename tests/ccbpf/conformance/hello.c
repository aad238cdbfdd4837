#include "ccbpf.h"
int main(void) {
    printf("hello, world\n");
    puts("from ccBPF");
    putchar('!');
    putchar('\n');
    return 0;
}
