#include "ccbpf.h"
#frobnicate
int main(void) { return 0; }
