#include "ccbpf.h"
int main(void) {
    char *s = NULL;
    printf("[%s]\n", s);
    return 0;
}
