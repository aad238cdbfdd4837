#!/usr/bin/env bash
# Runs one conformance program natively (gcc, the oracle) and under ccBPF, and demands
# byte-identical stdout and the same exit status.
#   conformance.sh CCBPF INCLUDE_DIR WORK_DIR PROGRAM.c [ccbpf run options...]
set -u
ccbpf="$1"; include="$2"; work="$3"; prog="$4"; shift 4
name="$(basename "$prog" .c)"
mkdir -p "$work"
native="$work/$name.native"
if [ ! -x "$native" ] || [ "$prog" -nt "$native" ]; then
  gcc -std=c11 -O1 -fwrapv -w -I "$include" -o "$native.tmp.$$" "$prog" || { echo "gcc failed"; exit 1; }
  mv -f "$native.tmp.$$" "$native"
fi
"$native" > "$work/$name.$$.expected"; expected_status=$?
"$ccbpf" run "$@" "$prog" > "$work/$name.$$.actual"; actual_status=$?
status=0
if ! cmp -s "$work/$name.$$.expected" "$work/$name.$$.actual"; then
  echo "output differs for $name ($*):"
  diff "$work/$name.$$.expected" "$work/$name.$$.actual" | head -20
  status=1
fi
if [ "$expected_status" != "$actual_status" ]; then
  echo "exit status differs for $name ($*): gcc $expected_status, ccbpf $actual_status"
  status=1
fi
rm -f "$work/$name.$$.expected" "$work/$name.$$.actual"
[ $status = 0 ] && echo "ok: $name $*"
exit $status
