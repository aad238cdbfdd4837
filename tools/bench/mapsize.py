"""Bytes per subsystem from a GNU ld map file.

Every input section the linker kept is attributed to a subsystem by the object it came
from (src/kernel -> kernel; arch/*/startup.cpp and arch/common/c_runtime.cpp -> startup;
arch/ -> port; boards/ and drivers/ -> board; src/async -> async, ...) or, for code an application
object instantiated from a header, by its mangled name (tern::async templates land in the
application's object). Flash = .text + .rodata + .data's initial values; RAM = .data +
.bss, with task stacks counted apart ("stacks") because every figure we compare is
"besides stacks" (the async frame arena counts with them)."""
import re

SUBSYSTEMS = (
    ("async", ("src/async/",), ("4tern5async",)),
    ("shell", ("src/shell/", "libtern_shell"), ("4tern5shell",)),
    ("ccbpf", ("src/ccbpf/", "libtern_ccbpf"), ("4tern5ccbpf",)),
    ("world", ("src/world/", "libtern_world"), ("4tern5world",)),
    ("util", ("src/util/", "libtern_util"), ("4tern4util",)),
    ("capi", ("src/capi/",), ()),
    ("kernel", ("src/kernel/",), ()),
    # The C runtime's start-up: reset handler (copy .data, clear .bss, constructors, main)
    # and the vector table, whose length is the chip's interrupt count. What crt0 and a
    # vendor's startup file are to other kernels; apart from the port's kernel code.
    ("startup", ("arch/common/c_runtime.cpp", "arch/cortex-m/startup.cpp",
                 "arch/riscv/startup.cpp"), ()),
    ("port", ("arch/",), ()),
    ("board", ("boards/", "drivers/"), ()),
    ("libc", ("arm-none-eabi", "riscv64-unknown-elf", "libgcc", "libc.a", "libc_nano"), ()),
)


def subsystem(owner, section):
    for name, paths, mangled in SUBSYSTEMS:
        if any(m in section for m in mangled):
            return name
    for name, paths, mangled in SUBSYSTEMS:
        if any(p in owner for p in paths):
            return name
    return "app"


def is_stack(section):
    # Task stacks and the async executor's coroutine-frame arena: both are sized by the
    # application, not by the subsystem.
    name = section.lower()
    return "stack" in name or "arena" in name


def sections(path):
    """Yields (section, size, owner) for every input section the linker kept."""
    in_map = False
    pending = None  # a long section name sits alone on its line; address and size follow
    with open(path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = re.match(r"^ (\.[^\s]+)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^ (\.[^\s]+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if not m:
                pending = None
                continue
            section = m.group(1) or pending
            pending = None
            size = int(m.group(3), 16)
            owner = m.group(4).strip()
            if section is None or size == 0 or owner.startswith("load address"):
                continue
            yield section, size, owner


def measure(path):
    """Returns {subsystem: {"text": bytes, "ram": bytes}} plus "stacks"."""
    sizes = {}

    def add(sub, key, n):
        sizes.setdefault(sub, {"text": 0, "ram": 0})[key] += n

    for section, size, owner in sections(path):
        sub = subsystem(owner, section)
        if section.startswith((".text", ".rodata", ".isr_vector", ".srodata")):
            add(sub, "text", size)
        elif section.startswith((".data", ".sdata")):
            add(sub, "text", size)
            add(sub, "ram", size)
        elif section.startswith((".bss", ".sbss", "COMMON")):
            add("stacks" if is_stack(section) else sub, "ram", size)
    return sizes


def object_text(path, needle):
    """Flash bytes (.text, .rodata, .data's initial values) of the objects whose name
    contains needle, e.g. "(rpc.cpp.obj)": one source file's share of a subsystem."""
    return sum(size for section, size, owner in sections(path)
               if needle in owner and section.startswith(
                   (".text", ".rodata", ".srodata", ".data", ".sdata")))


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(sys.argv[1]), indent=2, sort_keys=True))
