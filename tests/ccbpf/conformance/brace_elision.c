// Initializers with braces left out (brace elision), as C allows: flat lists for 2-D arrays
// and structs with array members, partly braced lists, short lists zero-filled, strings for
// char array members, and unsized arrays sized by the elided list.
#include "ccbpf.h"

struct Point {
    int x, y;
};
struct Item {
    char tag[4];
    short counts[3];
    struct Point at;
    int weight;
};
struct Box {
    struct Point corner[2];
    int id;
};

int flat[2][3] = {1, 2, 3, 4, 5, 6};
int partial[3][3] = {{1}, 4, 5, 6, {7}};
int short_list[3][2] = {1, 2, 3};
int sized_by_list[][2] = {10, 20, 30};
char words[][4] = {"one", "two", {'s', 'i', 'x'}};
struct Item items[2] = {"abc", 1, 2, 3, 4, 5, 6, {"de", {7}, {8, 9}, 10}};
struct Box boxes[] = {1, 2, 3, 4, 5, {{6, 7}}, 8};
struct Point points[2][2] = {1, 2, 3, 4, {5, 6}};
char greeting[] = {"hello"};
short tail_zero[5] = {1, 2};

void show_item(const char *label, struct Item *it) {
    printf("%s: %s %d %d %d (%d,%d) %d\n", label, it->tag, it->counts[0], it->counts[1],
           it->counts[2], it->at.x, it->at.y, it->weight);
}

int main(void) {
    int lflat[2][3] = {1, 2, 3, 4, 5, 6};
    int lpartial[3][3] = {{1}, 4, 5, 6, {7}};
    int lsized[][2] = {10, 20, 30};
    struct Item litems[2] = {"abc", 1, 2, 3, 4, 5, 6, {"de", {7}, {8, 9}, 10}};
    struct Box lboxes[] = {1, 2, 3, 4, 5, {{6, 7}}, 8};
    struct Point origin = {0};
    struct Point pair[2] = {origin, {3}};  // a struct value inside a list
    char lwords[][4] = {"one", "two", {'s', 'i', 'x'}};

    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) printf("%d%d ", flat[i][j], lflat[i][j]);
    printf("\n");
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) printf("%d%d ", partial[i][j], lpartial[i][j]);
    printf("\n");
    for (int i = 0; i < 3; i++) printf("%d %d, ", short_list[i][0], short_list[i][1]);
    printf("\n");
    printf("sized %d %d: %d %d %d %d\n", (int)sizeof(sized_by_list), (int)sizeof(lsized),
           sized_by_list[1][0], sized_by_list[1][1], lsized[1][0], lsized[1][1]);
    printf("words %s %s %s / %s %s %s\n", words[0], words[1], words[2], lwords[0], lwords[1],
           lwords[2]);
    show_item("global 0", &items[0]);
    show_item("global 1", &items[1]);
    show_item("local 0", &litems[0]);
    show_item("local 1", &litems[1]);
    printf("boxes %d %d\n", (int)(sizeof(boxes) / sizeof(boxes[0])),
           (int)(sizeof(lboxes) / sizeof(lboxes[0])));
    for (int i = 0; i < 2; i++)
        printf("box %d: (%d,%d) (%d,%d) / (%d,%d) (%d,%d) %d\n", boxes[i].id, boxes[i].corner[0].x,
               boxes[i].corner[0].y, boxes[i].corner[1].x, boxes[i].corner[1].y,
               lboxes[i].corner[0].x, lboxes[i].corner[0].y, lboxes[i].corner[1].x,
               lboxes[i].corner[1].y, lboxes[i].id);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) printf("(%d,%d) ", points[i][j].x, points[i][j].y);
    printf("\n%s %d, pair (%d,%d) (%d,%d)\n", greeting, (int)sizeof(greeting), pair[0].x,
           pair[0].y, pair[1].x, pair[1].y);
    printf("tail %d %d %d %d %d\n", tail_zero[0], tail_zero[1], tail_zero[2], tail_zero[3],
           tail_zero[4]);
    return 0;
}
