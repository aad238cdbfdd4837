#!/usr/bin/env bash
# `shell-console --load FILE.c -- APP`: the file arrives as a program, then the terminal
# is the user's (here a script's): run it, see its output, leave.
#   load_cli.sh -- COMMAND...
set -u
[ "${1:-}" = "--" ] && shift
here="$(cd "$(dirname "$0")" && pwd)"
console="$here/../../src/shell/tools/shell-console"
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
# The keys wait in the pipe until the load is done; the sleeps only pace a person.
(sleep 2; printf 'ccbpf run hello\r'; sleep 3; printf 'exit\r'; sleep 5) |
  timeout 60 "$console" --load "$here/hello.c" -- "$@" >"$out" 2>&1
rc=$?
tr -d '\r' <"$out"
fail=0
for want in '^load: hello: [0-9]+ bytes, 9 lines$' '^hello 2$' '^\[hello\] exited with status 7$' '^bye$'; do
  grep -Eq -- "$want" <(tr -d '\r' <"$out") || { echo "FAIL: no line matching /$want/"; fail=1; }
done
[ "$rc" = 0 ] || { echo "FAIL: exit status $rc"; fail=1; }
[ "$fail" = 0 ] && echo "PASS load_cli"
exit "$fail"
