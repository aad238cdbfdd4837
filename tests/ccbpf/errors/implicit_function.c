#include "ccbpf.h"
int main(void) {
    return helper(3);
}
