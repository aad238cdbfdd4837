#!/usr/bin/env bash
# usage: tern_new_app.sh PATH/TO/tern — makes an app, runs it on the host and on a board.
set -uo pipefail
tern="$1"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
export TERN_APPS="$scratch/apps" TERN_BUILD_DIR="$scratch/build"
fails=0
check() {
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
check "new makes the app" "$tern" -q new myapp
check "the app has its files" test -f "$TERN_APPS/myapp/main.c" -a -f "$TERN_APPS/myapp/CMakeLists.txt"
out="$("$tern" new myapp 2>&1)"
check "new refuses an app that exists" grep -q "already exists" <<<"$out"
out="$("$tern" new 9lives 2>&1)"
check "new refuses a bad name" grep -q "is not a name" <<<"$out"
for board in host mps2-an385; do
  out="$("$tern" -q run --board "$board" myapp </dev/null 2>&1)"; rc=$?
  echo "$out" | sed "s/^/  $board| /"
  check "$board: runs to its end" [ "$rc" = 0 ]
  check "$board: three ticks 250 ms apart" grep -q "myapp: tick 3 at 500 ms" <<<"$out"
  check "$board: only the app was built" [ ! -e "$TERN_BUILD_DIR/$board/apps/demo" -a ! -e "$TERN_BUILD_DIR/$board/apps/demo.elf" ]
done
echo "$fails failed"
[ "$fails" = 0 ]
