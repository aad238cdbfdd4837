#!/usr/bin/env bash
# usage: tern_cli.sh PATH/TO/tern PATH/TO/ccbpf — checks what ./tern says to a user.
set -uo pipefail
tern="$1" tool="$2"
fails=0
check() {  # description, then a command that must succeed
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT

# A wrong option gets tern's own usage and exit code 2, before CMake or setup runs.
out="$(TERN_BUILD_DIR="$scratch/b1" "$tern" build --boardx 2>&1)"; rc=$?
check "build --boardx exits 2" [ "$rc" = 2 ]
check "build --boardx shows tern's usage" grep -q "usage: ./tern build" <<<"$out"
check "build --boardx names the option" grep -q "unknown option '--boardx'" <<<"$out"
check "build --boardx configures nothing" [ ! -e "$scratch/b1" ]

# ccbpf --help builds nothing and prints the tool's own usage text, the same bytes.
out="$(TERN_BUILD_DIR="$scratch/b2" "$tern" ccbpf --help 2>&1)"; rc=$?
check "ccbpf --help exits 0" [ "$rc" = 0 ]
check "ccbpf --help builds nothing" [ ! -e "$scratch/b2" ]
check "ccbpf --help is the tool's usage" grep -qF "$("$tool" --help)" <<<"$out"

# -q before or after the command; an unknown command is an error with the command list.
check "-q help" bash -c '"$0" -q help | grep -q "usage: ./tern"' "$tern"
check "help -q" bash -c '"$0" help -q | grep -q "usage: ./tern"' "$tern"
out="$("$tern" frobnicate 2>&1)"; rc=$?
check "unknown command exits 2" [ "$rc" = 2 ]
check "unknown command lists commands" grep -q "unknown command 'frobnicate'" <<<"$out"

echo "$fails failed"
[ "$fails" = 0 ]
