#include "ccbpf.h"
typedef struct {
    char name[8];
    int score;
} Player;
Player players[5] = {{"ann", 30}, {"bob", 85}, {"cy", 62}, {"dee", 85}, {"ed", 10}};
int main(void) {
    for (int i = 0; i < 5; i++) {
        int best = i;
        for (int j = i + 1; j < 5; j++)
            if (players[j].score > players[best].score) best = j;
        Player t = players[i];
        players[i] = players[best];
        players[best] = t;
    }
    for (int i = 0; i < 5; i++) printf("%-4s %3d\n", players[i].name, players[i].score);
    return 0;
}
