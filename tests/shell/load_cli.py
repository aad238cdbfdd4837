#!/usr/bin/env python3
"""`shell-console --load FILE.c -- APP`: the file arrives as a program, then the terminal
is the user's (here this script's): run it, see its output, leave.

    load_cli.py -- COMMAND...

Each key is sent only once the screen shows what a person would wait for, so the test
does not depend on how fast a loaded machine runs QEMU (issue 22 item 6): the only
clock is a generous give-up time per step."""
import os
import re
import select
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONSOLE = os.path.join(HERE, "..", "..", "src", "shell", "tools", "shell-console")
STEP_TIMEOUT_S = 120


def main(argv):
    if argv[:1] == ["--"]:
        argv = argv[1:]
    proc = subprocess.Popen([sys.executable, CONSOLE, "--load", os.path.join(HERE, "hello.c"),
                             "--", *argv], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    seen = b""

    def wait_for(pattern, what):
        nonlocal seen
        deadline = time.time() + STEP_TIMEOUT_S
        while not re.search(pattern.encode(), seen.replace(b"\r", b""), re.M):
            left = deadline - time.time()
            ready = select.select([proc.stdout], [], [], max(0.0, left))[0] if left > 0 else []
            chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                sys.stdout.write(seen.decode(errors="replace"))
                print(f"FAIL: did not see {what} (/{pattern}/)"
                      + (" before the app ended" if ready else f" within {STEP_TIMEOUT_S} s"))
                proc.kill()
                sys.exit(1)
            seen += chunk

    def type_line(text):
        proc.stdin.write(text.encode() + b"\r")
        proc.stdin.flush()

    wait_for(r"^load: hello: [0-9]+ bytes, 9 lines$", "the load's report")
    wait_for(r"tern> $", "the prompt after the load")
    type_line("ccbpf run hello")
    wait_for(r"^hello 2$", "the program's output")
    wait_for(r"^\[hello\] exited with status 7$", "the program's end")
    type_line("exit")
    wait_for(r"^bye$", "the shell's goodbye")
    try:
        rc = proc.wait(timeout=STEP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = "none (killed)"
    sys.stdout.write(seen.decode(errors="replace").replace("\r", ""))
    if rc != 0:
        print(f"FAIL: exit status {rc}")
        return 1
    print("\nPASS load_cli")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
