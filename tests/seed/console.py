#!/usr/bin/env python3
"""Types at the seed's shell example (examples/seed/cmd_led.c) and checks its answers,
waiting for each one (never for wall time):  console.py -- COMMAND..."""
import os
import re
import select
import subprocess
import sys
import time

STEP_TIMEOUT_S = 60


def main(argv):
    if argv[:1] == ["--"]:
        argv = argv[1:]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    seen = b""
    mark = 0  # answers are looked for in what came after the last line typed

    def wait_for(pattern, what):
        nonlocal seen
        deadline = time.time() + STEP_TIMEOUT_S
        while not re.search(pattern.encode(), seen[mark:].replace(b"\r", b""), re.M):
            left = deadline - time.time()
            ready = select.select([proc.stdout], [], [], max(0.0, left))[0] if left > 0 else []
            chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                sys.stdout.write(seen.decode(errors="replace").replace("\r", ""))
                print(f"\nFAIL: did not see {what} (/{pattern}/)")
                proc.kill()
                sys.exit(1)
            seen += chunk

    def typed(line):
        nonlocal mark
        mark = len(seen)
        proc.stdin.write(line.encode() + b"\r")
        proc.stdin.flush()

    wait_for(r"tern> ", "the prompt")
    typed("pin")
    wait_for(r"^pin 0( is low|: this board has no GPIO)$", "the LED off at start")
    # A board without GPIO (riscv-virt) runs the command and ignores the pin, as
    # gpio_write documents; where there is GPIO the pin must follow the command.
    has_gpio = b"no GPIO" not in seen[mark:]
    level = (lambda v: f"^pin 0 is {v}$") if has_gpio else (lambda v: "^pin 0: this board has no GPIO$")
    typed("led on")
    wait_for(r"tern> $", "the prompt after led on")
    typed("pin")
    wait_for(level("high"), "the LED on after 'led on'")
    typed("led off")
    wait_for(r"tern> $", "the prompt after led off")
    typed("pin")
    wait_for(level("low"), "the LED off after 'led off'")
    typed("led")
    wait_for(r"^usage: led <on\|off>$", "the usage of a bad call")
    typed("help")
    wait_for(r"^led +Toggle LED$", "led in help, its name once")
    proc.kill()
    proc.wait()
    out = seen.decode(errors="replace").replace("\r", "")
    sys.stdout.write(out)
    if os.environ.get("SEED_HOST") == "1" and not re.search(r"^gpio: pin 0 -> high$", out, re.M):
        print("\nFAIL: the host's simulated pin did not print its change")
        return 1
    print("\nPASS seed cmd_led")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
