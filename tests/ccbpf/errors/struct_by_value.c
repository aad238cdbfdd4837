#include "ccbpf.h"
struct p { int x; };
int get(struct p v) { return v.x; }
int main(void) { return 0; }
