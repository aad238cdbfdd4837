#!/usr/bin/env bash
# Seeds for the image and snapshot fuzzers: real images and real snapshots, so that
# mutations start from something valid.   make_seeds.sh CCBPF CONFORMANCE_DIR OUT_DIR
set -eu
ccbpf="$1"; corpus="$2"; out="$3"
mkdir -p "$out/images" "$out/snapshots"
n=0
for f in "$corpus"/*.c; do
  n=$((n + 1)); [ $((n % 4)) = 0 ] || continue
  name="$(basename "$f" .c)"
  "$ccbpf" compile --stack 1024 "$f" -o "$out/images/$name.ccbf" >/dev/null
done
cat > "$out/snap.c" <<'SRC'
struct node { int v; struct node *next; };
struct node pool[8];
int depth(struct node *n, int k) { int local[4]; local[k & 3] = k; return n ? 1 + depth(n->next, k + 1) + local[k & 3] : 0; }
int main(void) {
    for (int i = 0; i < 7; i++) pool[i].next = &pool[i + 1];
    int total = 0;
    for (int r = 0; r < 50; r++) { total += depth(&pool[r % 8], r); if (r % 10 == 0) sleep_ms(1); }
    printf("%d\n", total);
    return 0;
}
SRC
for k in 5 40 120 333 800; do
  "$ccbpf" run --stop-after $k --save-snapshot "$out/snapshots/s$k.snap" "$out/snap.c" >/dev/null
done
