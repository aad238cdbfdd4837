#include "ccbpf.h"
int main(void) { return 3000000000; }
