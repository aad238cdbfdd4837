#!/usr/bin/env python3
"""docs/getting-started.md's steps 3 and 4, as written there: its code blocks become two
apps (./tern new, then the doc's main.c / main.cpp and CMake line), run on the host, and
their output is what the doc says.   getting_started.py PATH/TO/tern"""
import os
import re
import select
import subprocess
import sys
import tempfile
import time

tern = sys.argv[1]
doc = open(os.path.join(os.path.dirname(tern), "docs", "getting-started.md")).read()
blocks = re.findall(r"```(c|cpp|cmake)\n(.*?)```", doc, re.S)
c = [b for lang, b in blocks if lang == "c"]
cpp = [b for lang, b in blocks if lang == "cpp"]
cmake = [b for lang, b in blocks if lang == "cmake"]
scratch = tempfile.mkdtemp()
env = dict(os.environ, TERN_APPS=os.path.join(scratch, "apps"),
           TERN_BUILD_DIR=os.path.join(scratch, "build"))
fails = 0


def check(what, ok, out=""):
    global fails
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        print(out)
        fails += 1


def app(name, files):
    subprocess.run([tern, "-q", "new", name], env=env, check=True, stdout=subprocess.DEVNULL)
    d = os.path.join(scratch, "apps", name)
    os.remove(os.path.join(d, "main.c"))
    for fname, text in files.items():
        with open(os.path.join(d, fname), "w") as f:
            f.write(text)


app("shellapp", {"main.c": c[1], "CMakeLists.txt": cmake[0].replace("blink", "shellapp")})
# The shell runs until it is stopped: type, read until the last answer, then stop it.
proc = subprocess.Popen([tern, "-q", "run", "--board", "host", "shellapp"], env=env,
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
proc.stdin.write(b"led on\rhelp\rled\r")
proc.stdin.flush()
seen, deadline = b"", time.time() + 300
while b"usage: led" not in seen and time.time() < deadline:
    if select.select([proc.stdout], [], [], 1.0)[0]:
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
time.sleep(0.2)
proc.kill()
proc.wait()
out = seen.decode(errors="replace").replace("\r", "")
check("step 3: led on drives the pin", "gpio: pin 0 -> high" in out, out)
check("step 3: help lists led once", re.search(r"^led +Toggle LED$", out, re.M) is not None, out)
check("step 3: led alone shows its usage", "usage: led <on|off>" in out, out)

cm = re.search(r"`(tern_add_image\(blink SOURCES main\.cpp[^`]*)`", doc).group(1)
app("asyncapp", {"main.cpp": cpp[0], "CMakeLists.txt": cm.replace("blink", "asyncapp") + "\n"})
run = subprocess.run([tern, "-q", "run", "--board", "host", "asyncapp"], env=env,
                     capture_output=True, timeout=300)
out = run.stdout.decode(errors="replace").replace("\r", "")
check("step 4: the coroutine blinks and ends", run.returncode == 0 and
      out.count("async: LED on") == 2 and out.count("async: LED off") == 2, out)
print(f"{fails} failed")
sys.exit(1 if fails else 0)
