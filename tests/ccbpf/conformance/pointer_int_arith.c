// Pointer arithmetic with non-constant integers on every element size (char, short, int,
// structs of 8 and 3 bytes): int + ptr, ptr + int, ptr - int, ptr - ptr, ptr[i], i[ptr],
// with the integer computed before or after the pointer; and address constants
// (`table + 3`) in global initialisers.
#include "ccbpf.h"
struct S { int a; short b; char c; };
struct T3 { char x, y, z; };
char gc[8] = "abcdefg";
short gs[8] = {10, 11, 12, 13, 14, 15, 16, 17};
int gi[8] = {20, 21, 22, 23, 24, 25, 26, 27};
struct S gst[4] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
struct T3 gt[4] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
int *gp = gi + 3;
int *gq = &gi[6] - 2;
char *gtail = gc + 4;
struct S *glast = gst + 3;
int idx(int i) { return i; }
int *ptr_of(int *p) { return p; }
int main(void) {
    char lc[8] = "hijklmn";
    short ls[8] = {30, 31, 32, 33, 34, 35, 36, 37};
    int li[8] = {40, 41, 42, 43, 44, 45, 46, 47};
    struct S lst[4] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
    printf("%d %d %s %d %d\n", *gp, *gq, gtail, glast->a, (int)(gq - gp));
    for (int i = 0; i < 4; i++) {
        int k = idx(i);
        unsigned u = (unsigned)k;
        char *pc = gc; short *ps = gs; int *pi = gi; struct S *pst = gst; struct T3 *pt = gt;
        printf("%c %c %c %c %c %c\n", *(k + pc), *(pc + k), *(pc + 7 - k), pc[k], k[pc], *(lc + k));
        printf("%d %d %d %d %d %d\n", *(k + ps), *(ps + k), *(ps + 7 - k), ps[k], k[ps], *(ls + k));
        printf("%d %d %d %d %d %d\n", *(k + pi), *(pi + k), *(pi + 7 - k), pi[k], k[pi], *(li + k));
        printf("%d %d %d %d %d %d\n", (k + pst)->a, (pst + k)->b, (pst + 3 - k)->c, pst[k].a, k[pst].b, (lst + k)->c);
        printf("%d %d %d %d %d\n", (k + pt)->x, (pt + k)->y, k[pt].z, (pt + 3 - k)->x, (int)((pt + 3) - (pt + k)));
        printf("%d %d %d %d\n", *(u + pi), pi[u], u[pi], *(pi + u));
        printf("%d %d %d\n", *(k + ptr_of(gi)), (k + 1)[gi], *((k * 2 - k) + (k ? pi : li)));
        printf("%d %d %d\n", *(idx(k) + gi), idx(k)[gs], (3 - k)[lst].a);
        printf("%d %d %c\n", k[gi], k[li], k["wxyz"]);
        char *ec = pc + 7; short *es = ps + 7; int *ei = pi + 7; struct S *est = pst + 3;
        printf("%d %d %d %d\n", (int)(ec - (pc + k)), (int)(es - (ps + k)), (int)(ei - (k + pi)), (int)(est - (pst + k)));
        printf("%d %d %d %d\n", *(ec - k), *(es - k), *(ei - k), (est - k)->a);
        ec -= k; es -= k; ei -= k; est -= k;
        printf("%d %d %d %d\n", *ec, *es, *ei, est->a);
        pc += k; ps += k; pi += k; pst += k;
        printf("%d %d %d %d\n", *pc, *ps, *pi, pst->a);
        int neg = -k;
        printf("%d %d %d %d\n", ec[neg], es[neg], ei[neg], (est + k)[neg].b);
        struct S *q = &lst[k];
        printf("%d %d\n", (int)(q - lst), (int)(&lst[3] - q));
        printf("%d %d\n", &gi[k] < &gi[2], (pi + 1) > pi);
    }
    return 0;
}
