#include "ccbpf.h"
struct p { int x; };
int main(void) {
    struct p v = {1};
    return v.y;
}
