#!/usr/bin/env python3
"""Embeds ccBPF programs into a board image: writes a C++ include with, per program, its
source (for the device's compiler), the image the host tool compiles from it (for the
VM alone), and what gcc's build of it prints and returns (the oracle the device's run is
checked against: output length, CRC-32 and exit status). Each program also gets a hand-over:
the snapshot the host tool (x86-64) takes when it stops the program part way, and what gcc's
build prints after that point, for the device to resume the program from those bytes.

    embed_corpus.py --ccbpf TOOL --gcc GCC --include DIR --out FILE.inc --stack BYTES
                    [--memory BYTES] [--sources] [--images] PROGRAM.c...

--stack is the VM stack every image asks for (the images the device compiles ask for the
same, so they must come out byte-identical to the host's). A program whose output with
that stack is not gcc's (it needs a deeper stack), or whose memory (globals + stack)
exceeds --memory, is left out and listed, with the reason, in the include's kLeftOut."""
# Where the host stops a program for its hand-over: the first of these instruction counts
# the program runs past (deep into it where it is long, near its start where it is short).
HAND_OVER_AT = (200000, 40000, 8000, 1600, 320, 64)
import argparse
import os
import re
import subprocess
import sys
import tempfile
import zlib


def c_string(data):
    """A C string literal, split into lines, of arbitrary bytes."""
    out, line = [], ""
    for b in data:
        ch = chr(b)
        if ch == "\n":
            line += "\\n"
            out.append('"' + line + '"')
            line = ""
            continue
        if ch in '"\\':
            line += "\\" + ch
        elif 32 <= b < 127 and ch != "?":  # '?' avoids trigraphs
            line += ch
        else:
            line += "\\%03o" % b
    if line or not out:
        out.append('"' + line + '"')
    return "\n    ".join(out)


def c_bytes(data):
    rows = []
    for i in range(0, len(data), 16):
        rows.append(", ".join("0x%02x" % b for b in data[i:i + 16]))
    return ",\n    ".join(rows)


def ident(name):
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def hand_over(tool, image_path, work, expected):
    """(snapshot, instructions run, what gcc's build prints after them), or (b"", 0, b"")
    for a program too short to stop."""
    snap = os.path.join(work, "hand_over.snap")
    for at in HAND_OVER_AT:
        if os.path.exists(snap):
            os.remove(snap)
        # Exits with the program's status when it ends first (no snapshot then), else 0.
        before = subprocess.run([tool, "run", "--stop-after", str(at), "--save-snapshot", snap,
                                 image_path], capture_output=True).stdout
        if os.path.exists(snap):
            if not expected.startswith(before):
                sys.exit("embed_corpus: %s printed %r before its hand-over, not a prefix of gcc's"
                         % (image_path, before))
            return open(snap, "rb").read(), at, expected[len(before):]
    return b"", 0, b""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ccbpf", required=True)
    ap.add_argument("--gcc", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--stack", type=int, required=True)
    ap.add_argument("--memory", type=int, default=1 << 30)
    ap.add_argument("--sources", action="store_true")
    ap.add_argument("--images", action="store_true")
    ap.add_argument("programs", nargs="+")
    args = ap.parse_args()

    entries, left_out, chunks = [], [], []
    with tempfile.TemporaryDirectory() as work:
        for path in args.programs:
            name = os.path.basename(path)
            native = os.path.join(work, "native")
            subprocess.run([args.gcc, "-std=c11", "-O1", "-fwrapv", "-w", "-I", args.include,
                            "-o", native, path], check=True)
            expected = subprocess.run([native], capture_output=True)
            # Compiled under its bare name, as the device compiles it: the image does not
            # depend on the name, and diagnostics read the same.
            folder = os.path.dirname(os.path.abspath(path))
            image_path = os.path.join(work, "image.ccbf")
            subprocess.run([args.ccbpf, "compile", "--stack", str(args.stack), name, "-o",
                            image_path], check=True, cwd=folder, stdout=subprocess.DEVNULL)
            image = open(image_path, "rb").read()
            inspect = subprocess.run([args.ccbpf, "inspect", image_path], check=True,
                                     capture_output=True, text=True).stdout
            memory = int(re.search(r"memory\s+(\d+) bytes", inspect).group(1))
            got = subprocess.run([args.ccbpf, "run", image_path], capture_output=True)
            if got.stdout != expected.stdout or got.returncode != expected.returncode:
                left_out.append((name, "needs more than %d bytes of VM stack" % args.stack))
                continue
            if memory > args.memory:
                left_out.append((name, "needs %d bytes of VM memory (more than %d)"
                                 % (memory, args.memory)))
                continue
            source = open(path, "rb").read()
            key = ident(os.path.splitext(name)[0])
            snapshot, stopped_at, rest = hand_over(args.ccbpf, image_path, work, expected.stdout)
            if snapshot:
                chunks.append("alignas(8) static const uint8_t kHandOver_%s[] = {\n    %s};\n"
                              % (key, c_bytes(snapshot)))
            if args.sources:
                chunks.append("static const char kSource_%s[] =\n    %s;\n"
                              % (key, c_string(source)))
            if args.images:
                chunks.append("alignas(8) static const uint8_t kImage_%s[] = {\n    %s};\n"
                              % (key, c_bytes(image)))
            entries.append("    {\"%s\", %s, %d, %s, %d, %du, %d, %du, %d, %d, %s, %d, %d, %d, %du},"
                           % (name, "kSource_" + key if args.sources else "nullptr",
                              len(source) if args.sources else 0,
                              "kImage_" + key if args.images else "nullptr", len(image),
                              zlib.crc32(image), len(expected.stdout), zlib.crc32(expected.stdout),
                              expected.returncode, memory,
                              "kHandOver_" + key if snapshot else "nullptr", len(snapshot),
                              stopped_at, len(rest), zlib.crc32(rest)))

    with open(args.out + ".tmp", "w") as f:
        f.write("// Generated by tests/ccbpf/target/embed_corpus.py (VM stack %d bytes): "
                "do not edit.\n" % args.stack)
        f.write("".join(chunks))
        f.write("static const CorpusProgram kCorpus[] = {\n%s\n};\n" % "\n".join(entries))
        f.write("static const LeftOut kLeftOut[] = {\n%s    {nullptr, nullptr}};\n"
                % "".join("    {\"%s\", \"%s\"},\n" % lo for lo in left_out))
    os.replace(args.out + ".tmp", args.out)
    for name, why in left_out:
        sys.stderr.write("embed_corpus: %s left out: %s\n" % (name, why))


if __name__ == "__main__":
    main()
