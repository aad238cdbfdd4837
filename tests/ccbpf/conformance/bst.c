#include "ccbpf.h"
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
int main(void) {
    Tree *root = NULL;
    int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 50};
    for (int i = 0; i < (int)(sizeof keys / sizeof keys[0]); i++) root = insert(root, keys[i]);
    inorder(root);
    printf("\nnodes %d height %d\n", n_nodes, height(root));
    return 0;
}
