// Pointers to arrays: 2-D arrays passed to functions as `int m[][4]` and `int (*m)[4]`,
// indexing through them, pointer arithmetic by whole rows, sizeof, typedefs and casts.
#include "ccbpf.h"

typedef int Row[4];
typedef int (*RowPtr)[4];

int grid[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
char names[3][6] = {"ant", "bee", "cat"};
short cube[2][2][3] = {{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}}};

int sum_rows(int m[][4], int rows) {
    int s = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < 4; j++) s += m[i][j];
    return s;
}

int trace(int (*m)[4], int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += (*(m + i))[i];
    return s;
}

// Walks the rows with a moving pointer; each step advances sizeof(int[4]) bytes.
int last_column(int (*m)[4], int rows) {
    int s = 0;
    for (int (*end)[4] = m + rows; m < end; m++) s = s * 100 + (*m)[3];
    return s;
}

void scale(RowPtr m, int rows, int k) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < 4; j++) m[i][j] *= k;
}

int count_char(char (*w)[6], int n, char c) {
    int hits = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; w[i][j]; j++) hits += w[i][j] == c;
    return hits;
}

int cube_sum(short (*c)[2][3], int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 3; k++) s += c[i][j][k] * (i + 1);
    return s;
}

int main(void) {
    int local[2][4] = {{1, 1, 1, 1}, {2, 2, 2, 2}};
    printf("sums %d %d\n", sum_rows(grid, 3), sum_rows(local, 2));
    printf("trace %d\n", trace(grid, 3));
    printf("last column %d\n", last_column(grid, 3));

    int (*p)[4] = grid;
    printf("p[1][2]=%d (*p)[3]=%d *p[2]=%d\n", p[1][2], (*p)[3], *p[2]);
    p++;
    printf("after ++: %d %d\n", p[0][0], (*(p + 1))[1]);
    p = p - 1;
    int i = 2;
    printf("p + i: %d, i + p: %d\n", (*(p + i))[0], (*(i + p))[1]);
    printf("rows apart %d %d\n", (int)(&grid[2] - p), (int)((p + 3) - &grid[1]));
    printf("compare %d %d %d\n", p < &grid[1], p + 1 == &grid[1], &grid[2] > p + 2);

    printf("sizeof *p=%d p[0]=%d p[0][0]=%d Row=%d grid=%d\n", (int)sizeof(*p),
           (int)sizeof(p[0]), (int)sizeof(p[0][0]), (int)sizeof(Row), (int)sizeof(grid));
    printf("sizeof names[1]=%d cube[1]=%d cube[1][1]=%d\n", (int)sizeof(names[1]),
           (int)sizeof(cube[1]), (int)sizeof(cube[1][1]));

    // The byte distance between rows, through casts to char *.
    printf("row stride %d\n", (int)((char *)(p + 1) - (char *)p));

    scale(local, 2, 5);
    printf("scaled %d %d\n", local[0][3], local[1][0]);

    RowPtr q = local;
    q[1][3] = 99;
    printf("typedef pointer %d %d\n", local[1][3], q[1][3]);

    int (*rows[2])[4] = {&grid[0], &grid[2]};  // an array of pointers to rows
    printf("rows %d %d\n", (*rows[0])[1], rows[1][0][3]);

    void *raw = grid;
    int (*back)[4] = (int (*)[4])raw;
    printf("cast back %d\n", back[2][1]);

    printf("letters %d %d\n", count_char(names, 3, 'a'), count_char(names + 1, 2, 'e'));
    printf("cube %d %d\n", cube_sum(cube, 2), cube_sum(cube + 1, 1));

    int (*whole)[3][4] = &grid;  // a pointer to the whole 2-D array
    printf("whole %d %d\n", (*whole)[2][2], (int)sizeof(*whole));
    return sum_rows(grid, 1) == 10 ? 0 : 1;
}
