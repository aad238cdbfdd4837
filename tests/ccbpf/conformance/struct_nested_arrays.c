#include "ccbpf.h"
typedef struct {
    char tag;
    short vals[3];
    int total;
} Row;
typedef struct {
    int count;
    Row rows[4];
} Table;
Table t;
int main(void) {
    t.count = 4;
    for (int i = 0; i < t.count; i++) {
        Row *r = &t.rows[i];
        r->tag = 'a' + i;
        r->total = 0;
        for (int j = 0; j < 3; j++) {
            r->vals[j] = (short)(i * 1000 - j * 300);
            r->total += r->vals[j];
        }
    }
    for (int i = 0; i < t.count; i++)
        printf("%c %d %d %d = %d\n", t.rows[i].tag, t.rows[i].vals[0], t.rows[i].vals[1], t.rows[i].vals[2],
               t.rows[i].total);
    printf("%u %u\n", sizeof(Row), sizeof(Table));
    return 0;
}
