#include "ccbpf.h"
int scalar = 42;
int neg = -7;
unsigned big = 0xFFFFFFFFu;
char letter = 'Z';
short sh = -300;
int table[5] = {1, 2, 3};
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
char greeting[] = "hi there";
char fixed[10] = "abc";
const char *msg = "pointer to literal";
int *ptr = &table[2];
int *gp = &scalar;
struct config {
    int id;
    char name[8];
    int flags[2];
} cfg = {7, "cfg", {1, 2}};
struct config cfgs[2] = {{1, "one", {0, 1}}, {2, "two", {2, 3}}};
int zeroed[4];
int main(void) {
    printf("%d %d %u %c %d\n", scalar, neg, big, letter, sh);
    printf("%d %d %d %d %d\n", table[0], table[1], table[2], table[3], table[4]);
    printf("%d %d\n", grid[1][0], grid[0][2]);
    printf("%s %u %s %u\n", greeting, sizeof greeting, fixed, sizeof fixed);
    printf("%s %d %d\n", msg, *ptr, *gp);
    printf("%d %s %d %d\n", cfg.id, cfg.name, cfg.flags[0], cfg.flags[1]);
    printf("%s %d\n", cfgs[1].name, cfgs[1].flags[1]);
    printf("%d\n", zeroed[0] + zeroed[3]);
    return 0;
}
