#!/usr/bin/env python3
"""The shell's footprint from a linker map: the bytes that the shell libraries' objects
(libtern_shell.a, libtern_shell_core.a) placed in the image.

    measure.py build/mps2-an385/apps/shell_footprint.map [--json]

text = .text + .rodata (flash), ram = .data + .bss (the shell task's stack included,
since shell::start() owns it). Sections dropped by --gc-sections are not counted: the
map lists them under "Discarded input sections", before the memory map we read."""
import re
import sys

LIBS = ("libtern_shell.a", "libtern_shell_core.a")


def measure(path):
    text = ram = 0
    in_map = False
    pending = None  # a section name on its own line; its address and size follow
    with open(path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = re.match(r"^ (\.[\w.$]+)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^ (\.[\w.$]+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)", line)
            if not m:
                pending = None
                continue
            name = m.group(1) or pending
            pending = None
            size = int(m.group(3), 16)
            owner = m.group(4)
            if name is None or size == 0 or not any(lib + "(" in owner for lib in LIBS):
                continue
            if name.startswith((".text", ".rodata")):
                text += size
            elif name.startswith((".data", ".bss")):
                ram += size
            # .data also occupies flash (its initial values)
            if name.startswith(".data"):
                text += size
    return text, ram


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    text, ram = measure(sys.argv[1])
    if "--json" in sys.argv:
        print('{"shell_text_bytes": %d, "shell_ram_bytes": %d}' % (text, ram))
    else:
        print("shell_text_bytes %d\nshell_ram_bytes %d" % (text, ram))


if __name__ == "__main__":
    main()
