#include "ccbpf.h"
union u { int a; char b; };
int main(void) { return 0; }
