#include "ccbpf.h"
/* Assembled from conformance programs by hand-picked parts: a realistic ~300-line program. */
int data[20] = {42, 7, -3, 19, 0, 88, -50, 23, 23, 5, 99, -1, 64, 12, 31, 8, 77, -20, 3, 14};
void sort(int *a, int n) {
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}
int main_0(void) {
    sort(data, 20);
    for (int i = 0; i < 20; i++) printf("%d ", data[i]);
    printf("\n");
    return 0;
}

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static int partition(int *a, int lo, int hi) {
    int pivot = a[hi], i = lo - 1;
    for (int j = lo; j < hi; j++)
        if (a[j] <= pivot) swap(&a[++i], &a[j]);
    swap(&a[i + 1], &a[hi]);
    return i + 1;
}
static void quicksort(int *a, int lo, int hi) {
    if (lo < hi) {
        int p = partition(a, lo, hi);
        quicksort(a, lo, p - 1);
        quicksort(a, p + 1, hi);
    }
}
int main_1(void) {
    int a[32];
    srand(7);
    for (int i = 0; i < 32; i++) a[i] = rand() % 1000 - 500;
    quicksort(a, 0, 31);
    for (int i = 0; i < 32; i++) printf("%d%c", a[i], i % 8 == 7 ? '\n' : ' ');
    for (int i = 1; i < 32; i++)
        if (a[i - 1] > a[i]) return 1;
    return 0;
}

uint32_t crc_table[256];
void make_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
uint32_t crc32(const char *s, int n) {
    uint32_t c = 0xFFFFFFFFu;
    for (int i = 0; i < n; i++) c = crc_table[(c ^ (uint8_t)s[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}
int main_2(void) {
    make_table();
    printf("%08x\n", crc32("123456789", 9));
    printf("%08x\n", crc32("The quick brown fox jumps over the lazy dog", 43));
    printf("%08x\n", crc32("", 0));
    return crc32("123456789", 9) == 0xCBF43926u ? 0 : 1;
}

struct node {
    int value;
    struct node *next;
};
struct node pool[16];
int used;
struct node *push(struct node *head, int v) {
    struct node *n = &pool[used++];
    n->value = v;
    n->next = head;
    return n;
}
struct node *reverse(struct node *h) {
    struct node *prev = NULL;
    while (h) {
        struct node *next = h->next;
        h->next = prev;
        prev = h;
        h = next;
    }
    return prev;
}
void print(struct node *h) {
    for (; h != NULL; h = h->next) printf("%d -> ", h->value);
    printf("nil\n");
}
int main_3(void) {
    struct node *list = NULL;
    for (int i = 1; i <= 6; i++) list = push(list, i * i);
    print(list);
    list = reverse(list);
    print(list);
    int sum = 0;
    for (struct node *p = list; p; p = p->next) sum += p->value;
    printf("sum %d\n", sum);
    return 0;
}

typedef struct Tree Tree;
struct Tree {
    int key;
    Tree *left, *right;
};
Tree nodes[32];
int n_nodes;
Tree *insert(Tree *t, int key) {
    if (!t) {
        t = &nodes[n_nodes++];
        t->key = key;
        return t;
    }
    if (key < t->key) t->left = insert(t->left, key);
    else if (key > t->key) t->right = insert(t->right, key);
    return t;
}
void inorder(Tree *t) {
    if (!t) return;
    inorder(t->left);
    printf("%d ", t->key);
    inorder(t->right);
}
int height(Tree *t) {
    if (!t) return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}
int main_4(void) {
    Tree *root = NULL;
    int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 50};
    for (int i = 0; i < (int)(sizeof keys / sizeof keys[0]); i++) root = insert(root, keys[i]);
    inorder(root);
    printf("\nnodes %d height %d\n", n_nodes, height(root));
    return 0;
}

#define W 10
#define H 8
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
int main_5(void) {
    grid[0][1] = grid[1][2] = grid[2][0] = grid[2][1] = grid[2][2] = 1;  /* a glider */
    for (int g = 0; g < 4; g++) step();
    show();
    return 0;
}

#define ITEMS 6
#define CAPACITY 15
int weight[ITEMS] = {1, 5, 3, 4, 6, 2};
int value[ITEMS] = {3, 10, 7, 8, 12, 4};
int best[ITEMS + 1][CAPACITY + 1];
int main_6(void) {
    for (int i = 1; i <= ITEMS; i++)
        for (int w = 0; w <= CAPACITY; w++) {
            best[i][w] = best[i - 1][w];
            if (weight[i - 1] <= w) {
                int with = best[i - 1][w - weight[i - 1]] + value[i - 1];
                if (with > best[i][w]) best[i][w] = with;
            }
        }
    printf("best value %d\n", best[ITEMS][CAPACITY]);
    int w = CAPACITY;
    for (int i = ITEMS; i > 0; i--)
        if (best[i][w] != best[i - 1][w]) {
            printf("take item %d\n", i - 1);
            w -= weight[i - 1];
        }
    return 0;
}

int popcount(uint32_t x) {
    int c = 0;
    while (x) {
        x &= x - 1;
        c++;
    }
    return c;
}
uint32_t reverse_bits(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}
bool is_pow2(uint32_t x) { return x && !(x & (x - 1)); }
uint32_t next_pow2(uint32_t x) {
    x--;
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return x + 1;
}
int main_7(void) {
    uint32_t v[] = {0, 1, 2, 3, 255, 256, 0x80000000u, 0xdeadbeefu, 1000};
    for (int i = 0; i < 9; i++)
        printf("%08x pop=%d rev=%08x pow2=%d next=%u lowbit=%x\n", v[i], popcount(v[i]), reverse_bits(v[i]),
               is_pow2(v[i]), next_pow2(v[i]), v[i] & -v[i]);
    int x = 5, y = 9;
    x ^= y;
    y ^= x;
    x ^= y;
    printf("%d %d\n", x, y);
    return 0;
}

int my_atoi(const char *s) {
    int sign = 1, v = 0;
    while (*s == ' ') s++;
    if (*s == '-' || *s == '+') sign = *s++ == '-' ? -1 : 1;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return sign * v;
}
char *my_itoa(int v, char *buf, int base) {
    char tmp[34];
    int i = 0, neg = v < 0 && base == 10;
    unsigned u = neg ? 0u - (unsigned)v : (unsigned)v;
    do {
        int d = u % base;
        tmp[i++] = d < 10 ? '0' + d : 'a' + d - 10;
        u /= base;
    } while (u);
    char *p = buf;
    if (neg) *p++ = '-';
    while (i) *p++ = tmp[--i];
    *p = 0;
    return buf;
}
int main_8(void) {
    char b[40];
    printf("%d %d %d %d\n", my_atoi("  42"), my_atoi("-17xyz"), my_atoi("+8"), my_atoi("0"));
    printf("%s %s %s\n", my_itoa(-12345, b, 10), my_itoa(255, b + 10, 2), my_itoa(48879, b + 20, 16));
    printf("%s\n", my_itoa(-2147483647 - 1, b, 10));
    return 0;
}

#define CAP 8
typedef struct {
    int buf[CAP];
    unsigned head, tail;
} Ring;
bool put(Ring *r, int v) {
    if (r->head - r->tail == CAP) return false;
    r->buf[r->head++ % CAP] = v;
    return true;
}
bool get(Ring *r, int *v) {
    if (r->head == r->tail) return false;
    *v = r->buf[r->tail++ % CAP];
    return true;
}
int main_9(void) {
    Ring r = {{0}, 0, 0};
    int v, dropped = 0;
    for (int i = 0; i < 12; i++)
        if (!put(&r, i * 3)) dropped++;
    printf("dropped %d\n", dropped);
    for (int i = 0; i < 5 && get(&r, &v); i++) printf("%d ", v);
    for (int i = 100; i < 104; i++) put(&r, i);
    while (get(&r, &v)) printf("%d ", v);
    printf("\n%u %u\n", r.head, r.tail);
    return 0;
}

int main(void) {
    int status = 0;
    status |= main_0();
    status |= main_1();
    status |= main_2();
    status |= main_3();
    status |= main_4();
    status |= main_5();
    status |= main_6();
    status |= main_7();
    status |= main_8();
    status |= main_9();
    return status;
}
