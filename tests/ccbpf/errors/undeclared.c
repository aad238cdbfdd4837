#include "ccbpf.h"
int main(void) {
    return count + 1;
}
