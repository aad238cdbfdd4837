#include "ccbpf.h"
void transpose(int m[4][4]) {
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++) {
            int t = m[i][j];
            m[i][j] = m[j][i];
            m[j][i] = t;
        }
}
int trace(int m[][4]) {
    int t = 0;
    for (int i = 0; i < 4; i++) t += m[i][i];
    return t;
}
int main(void) {
    int m[4][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
    transpose(m);
    for (int i = 0; i < 4; i++) printf("%d %d %d %d\n", m[i][0], m[i][1], m[i][2], m[i][3]);
    printf("trace %d size %u row %u\n", trace(m), sizeof m, sizeof m[0]);
    char grid[3][5] = {"abcd", "efgh", "ijkl"};
    grid[1][2] = 'X';
    for (int i = 0; i < 3; i++) printf("%s\n", grid[i]);
    return 0;
}
