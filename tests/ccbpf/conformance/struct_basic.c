#include "ccbpf.h"
struct point {
    int x, y;
};
struct rect {
    struct point min, max;
};
int area(struct rect *r) { return (r->max.x - r->min.x) * (r->max.y - r->min.y); }
void grow(struct rect *r, int d) {
    r->min.x -= d;
    r->min.y -= d;
    r->max.x += d;
    r->max.y += d;
}
int main(void) {
    struct rect r = {{1, 2}, {4, 6}};
    printf("area %d\n", area(&r));
    grow(&r, 2);
    printf("(%d,%d)-(%d,%d) area %d\n", r.min.x, r.min.y, r.max.x, r.max.y, area(&r));
    printf("sizeof %u %u\n", sizeof(struct point), sizeof r);
    return 0;
}
