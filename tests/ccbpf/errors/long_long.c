#include "ccbpf.h"
long long big;
int main(void) { return 0; }
