#!/usr/bin/env bash
# End-to-end: the shell app in a real terminal (a tmux pane), typed at key by key as a
# person would, the screen read back as tmux renders it.
#   e2e_tmux.sh -- COMMAND...     (the host app, or the QEMU command line of a board)
set -u
[ "${1:-}" = "--" ] && shift
command -v tmux >/dev/null || { echo "e2e: tmux missing (./tern setup installs it)"; exit 1; }

sock="tern-shell-e2e-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null; }
trap cleanup EXIT

failures=0
screen() { t capture-pane -p -t e2e -S -200; }
# Waits until the screen matches an extended regex (a person waiting to see it).
expect() {
  local pattern="$1" what="${2:-$1}" i
  for i in $(seq 1 600); do  # up to 60 s: what the guest says, not how fast it says it
    if screen | grep -Eq -- "$pattern"; then return 0; fi
    screen | grep -q '^app ended: status' && break  # it will never show up now
    sleep 0.1
  done
  echo "FAIL: did not see: $what"
  echo "---- screen ----"; screen; echo "----------------"
  failures=$((failures + 1))
  return 1
}
# The line the cursor is on.
cursor_line() { t display -p -t e2e '#{cursor_y}' | { read -r y; screen | sed -n "$((y + 1))p"; }; }
expect_line() {
  local want="$1" i got=""
  for i in $(seq 1 300); do
    got="$(cursor_line | sed 's/ *$//')"
    [ "$got" = "$want" ] && return 0
    sleep 0.1
  done
  echo "FAIL: cursor line is '$got', expected '$want'"
  failures=$((failures + 1))
}
# tmux reads an argument ending in ';' as a command separator: that ';' goes as hex.
type_text() {
  local text="$1" tail=""
  if [ "${text%;}" != "$text" ]; then text="${text%;}"; tail=3b; fi
  [ -n "$text" ] && t send-keys -t e2e -l -- "$text"
  [ -n "$tail" ] && t send-keys -t e2e -H "$tail"
  sleep 0.05
}
key() { t send-keys -t e2e "$@"; sleep 0.05; }

# The pane's shell reports how the app ended, and stays for the screen to be read.
t -f /dev/null new-session -d -s e2e -x 100 -y 40 \
  "$(printf '%q ' "$@"); echo \"app ended: status \$?\"; sleep 60"

expect '^tern>' "the prompt" || exit 1

# Completion, then a typo fixed with Ctrl-W.
type_text "ec"; key Tab
expect_line "tern> echo"
type_text "hello wrold"; key C-w; type_text "world"; key Enter
expect '^hello world$'

# Home and End: add the forgotten first letter, then more at the end.
type_text "cho hi"; key Home; type_text "e"; key End; type_text " there"; key Enter
expect '^hi there$'

# History: up recalls the last line; Ctrl-U clears it.
key Up
expect_line "tern> echo hi there"
key C-u; type_text "ps"; key Enter
expect '^NAME +STATE +PRI +CPU% +STACK USED/SIZE' "the ps table"
expect '^worker +(ready|blocked) +2 ' "the worker task in ps"

# Argument completion of task names, then a kill.
type_text "kill wor"; key Tab
expect_line "tern> kill worker"
type_text "suspend"; key Enter
expect "kill: suspend 'worker': done"

type_text "uptime"; key Enter
expect '^[0-9]{2}:[0-9]{2}:[0-9]{2}$' "uptime as HH:MM:SS"

# Ctrl-A, the seed's Home (under QEMU it must reach the shell, not QEMU's escape key).
type_text "cho ctrl-a"; key C-a; type_text "e"; key Enter
expect '^ctrl-a$'

# Ctrl-C drops a line unrun.
type_text "reboot"; key C-c
expect '^tern> reboot\^C$' "the cancelled line"
expect_line "tern>"

# A line longer than the editor takes is refused, and nothing of it runs.
type_text "echo $(printf 'x%.0s' $(seq 1 140))"
expect 'error: line too long \(max 127 characters\)'
key Enter
expect_line "tern>"

type_text "nosuchcmd"; key Enter
expect "unknown command: nosuchcmd \(try 'help'\)"

# A program typed in at the console, compiled on the device and run as a task (where the
# app has the ccBPF commands).
if screen_has_help="$(type_text "help ccbpf"; key Enter; sleep 0.3; screen)" &&
   grep -q "usage: ccbpf" <<<"$screen_has_help"; then
  type_text "load hello"; key Enter
  expect "then a line with only '\.'"
  while IFS= read -r line; do type_text "$line"; key Enter; done <<'EOF_C'
#include "ccbpf.h"
int main(void) {
    for (int i = 0; i < 3; i++) printf("hello %d\n", i);
    return 7;
}
.
EOF_C
  expect '^load: hello: [0-9]+ bytes, 5 lines$'
  type_text "ccbpf run hello"; key Enter
  expect '^hello 2$'
  expect '^\[hello\] exited with status 7$'
  key Enter
fi

type_text "exit"; key Enter
expect '^bye$'
expect '^app ended: status 0$' "the app ending by itself with status 0"

# On a board, QEMU's own escape key is Ctrl-] (./tern run's console): Ctrl-] x quits it.
case "$(basename "$1")" in
  qemu-system-*)
    t kill-session -t e2e
    t -f /dev/null new-session -d -s e2e -x 100 -y 40 \
      "$(printf '%q ' "$@"); echo \"app ended: status \$?\"; sleep 60"
    expect '^tern>' "the prompt, a second time" && { key 'C-]'; key x; }
    expect '^app ended: status 0$' "QEMU quitting on Ctrl-] x"
    ;;
esac

if [ "$failures" = 0 ]; then echo "PASS shell_e2e"; exit 0; fi
echo "---- final screen ----"; screen
echo "FAILED shell_e2e: $failures failure(s)"; exit 1
