#!/usr/bin/env bash
# Compiles tests/ccbpf/frozen/program300.c ON a Cortex-M3 under QEMU and runs it there.
# Passes when the target compiles it in < 8 KB of arena and the output size and exit
# status match the host's.   run_mps2_an385.sh CCBPF SOURCE_ROOT WORK_DIR
set -eu
ccbpf="$1"; root="$2"; work="$3"
here="$root/tests/ccbpf/target"
mkdir -p "$work"
python3 - "$root/tests/ccbpf/frozen/program300.c" "$work/program300.inc" <<'PY'
import sys
src = open(sys.argv[1]).read()
lines = ['"%s\\n"' % l.replace('\\', '\\\\').replace('"', '\\"') for l in src.split('\n')]
open(sys.argv[2], 'w').write('static const char kProgram[] = ' + '\n'.join(lines) + ';\n')
PY
arm-none-eabi-g++ -std=c++20 -Os -mcpu=cortex-m3 -mthumb -ffunction-sections -fdata-sections \
  -fno-exceptions -fno-rtti -fno-threadsafe-statics -nostartfiles -Wall -Wextra -Werror \
  -I"$root/include" -I"$work" "$here/mps2_an385_main.cpp" "$root"/src/ccbpf/*.cpp \
  -T "$here/mps2_an385.ld" -Wl,--gc-sections -Wl,--no-warn-rwx-segments -lc -lgcc -o "$work/ccbpf_m3.elf"
arm-none-eabi-size "$work/ccbpf_m3.elf"
out="$(timeout 120 qemu-system-arm -M mps2-an385 -cpu cortex-m3 -nographic -monitor none \
  -semihosting-config enable=on,target=native -kernel "$work/ccbpf_m3.elf" 2>&1)"
echo "$out"
host_bytes="$("$ccbpf" run "$root/tests/ccbpf/frozen/program300.c" | wc -c)"
peak="$(echo "$out" | sed -n 's/.*arena peak \([0-9]*\) bytes.*/\1/p')"
[ -n "$peak" ] && [ "$peak" -lt 8192 ] || { echo "FAIL: arena peak '$peak' (want < 8192)"; exit 1; }
echo "$out" | grep -q "ran: exit 0, output bytes $host_bytes," || { echo "FAIL: want exit 0 and $host_bytes output bytes"; exit 1; }
echo "ok: compiled on Cortex-M3 in $peak bytes of arena; ran with the host's output size"
