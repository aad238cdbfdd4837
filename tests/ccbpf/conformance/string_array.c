#include "ccbpf.h"
const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
char names[4][8] = {"ann", "bob", "carol", "dan"};
int main(void) {
    int n = sizeof days / sizeof days[0];
    for (int i = n - 1; i >= 0; i--) printf("%s%s", days[i], i ? "," : "\n");
    for (int i = 0; i < 4; i++) {
        names[i][0] -= 32;
        printf("%s(%d) ", names[i], (int)sizeof names[i]);
    }
    printf("\n%c%c\n", days[2][0], *(days[3] + 1));
    return 0;
}
