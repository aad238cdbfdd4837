#!/usr/bin/env bash
# Checks one error-corpus program: the exit status, the exact diagnostic on stderr, and
# that output printed before a trap is kept.   errors.sh CCBPF ERRORS_DIR NAME.c
set -u
ccbpf="$1"; dir="$2"; name="$3"
line="$(grep -P "^\Q$name\E\t" "$dir/expectations.tsv")" || { echo "no expectation for $name"; exit 1; }
IFS=$'\t' read -r _ want_status want_err want_out <<< "$line"
cd "$dir" || exit 1
tmp="$(mktemp -d)"
"$ccbpf" run "$name" >"$tmp/out" 2>"$tmp/err"; got_status=$?
got_out="$(tr '\n' '/' < "$tmp/out")"; got_err="$(cat "$tmp/err")"; rm -rf "$tmp"
ok=1
[ "$got_status" = "$want_status" ] || { echo "status: want $want_status, got $got_status"; ok=0; }
[ "$got_err" = "$want_err" ] || { echo "stderr: want '$want_err'"; echo "        got  '$got_err'"; ok=0; }
[ "$got_out" = "$want_out" ] || { echo "stdout: want '$want_out', got '$got_out'"; ok=0; }
[ $ok = 1 ] && echo "ok: $name: $got_err"
[ $ok = 1 ]
