#include "ccbpf.h"
int main(void) {
    printf("node %d %s\n", node_id(), node_name());
    uint32_t t0 = time_ms();
    sleep_ms(20);
    uint32_t t1 = time_ms();
    printf("slept enough: %d\n", t1 - t0 >= 15);
    yield();
    int r = migrate("host");
    printf("migrate -> %d, still on %s\n", r, node_name());
    const char *name = node_name();
    int len = 0;
    while (name[len]) len++;
    printf("name length %d\n", len);
    return 0;
}
