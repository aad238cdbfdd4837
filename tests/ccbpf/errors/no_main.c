#include "ccbpf.h"
int helper(void) { return 1; }
