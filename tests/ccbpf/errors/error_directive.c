#include "ccbpf.h"
#ifndef CONFIGURED
#error not configured
#endif
int main(void) { return 0; }
