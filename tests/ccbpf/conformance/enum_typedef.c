#include "ccbpf.h"
enum color { RED, GREEN = 5, BLUE, ALPHA = BLUE * 2 };
typedef enum { LOW = -1, MID, HIGH } level_t;
typedef unsigned int u32;
typedef u32 *u32_ptr;
typedef struct item {
    u32 id;
    level_t level;
} item_t;
int main(void) {
    enum color c = BLUE;
    level_t l = LOW;
    u32 v = 7;
    u32_ptr p = &v;
    item_t it = {99, HIGH};
    printf("%d %d %d %d\n", RED, GREEN, c, ALPHA);
    printf("%d %d %u %u %d\n", l, MID, *p, it.id, it.level);
    printf("%u %u\n", sizeof(item_t), sizeof(enum color));
    return 0;
}
