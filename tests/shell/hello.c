#include "ccbpf.h"
// Sent by `shell-console --load` in the load_cli test: prints, sleeps, exits with 7.
int main(void) {
    for (int i = 0; i < 3; i++) {
        printf("hello %d\n", i);
        sleep_ms(20);
    }
    return 7;
}
