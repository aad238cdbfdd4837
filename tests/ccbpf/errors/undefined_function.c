#include "ccbpf.h"
int later(int);
int main(void) { return later(2); }
