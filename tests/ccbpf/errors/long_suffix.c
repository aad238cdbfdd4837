#include "ccbpf.h"
int main(void) { return 10L; }
