#include "ccbpf.h"
#define W 8
#define H 6
char grid[H][W], next[H][W];
int neighbours(int r, int c) {
    int n = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) {
            if (!dr && !dc) continue;
            int rr = (r + dr + H) % H, cc = (c + dc + W) % W;
            n += grid[rr][cc];
        }
    return n;
}
void step(void) {
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) {
            int n = neighbours(r, c);
            next[r][c] = n == 3 || (n == 2 && grid[r][c]);
        }
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) grid[r][c] = next[r][c];
}
void show(void) {
    for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++) putchar(grid[r][c] ? '#' : '.');
        putchar('\n');
    }
}
int main(void) {
    grid[0][1] = grid[1][2] = grid[2][0] = grid[2][1] = grid[2][2] = 1;  /* a glider */
    for (int g = 0; g < 2; g++) step();
    show();
    return 0;
}
