#!/usr/bin/env python3
"""Every path of the ccbpf tool that reads an image (run, disasm, inspect) or a snapshot
(resume, inspect) refuses a malformed one with the same validation (issue 21 item 6:
disasm read past its buffer on an image whose function table ran past the code, where run
refused the file). The malformed files are resealed (CRC and content hash recomputed) so
that the checks behind them are the ones exercised.

usage: tool_paths.py CCBPF SOURCE.c WORKDIR"""
import os
import struct
import subprocess
import sys
import zlib


def fnv1a64(data, h=0xcbf29ce484222325):
    for byte in data:
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def reseal_image(img):
    body = bytes(img[64:])
    struct.pack_into("<Q", img, 48, fnv1a64(body, fnv1a64(bytes(img[:48]))))
    struct.pack_into("<I", img, 56, zlib.crc32(body, zlib.crc32(bytes(img[:56]))))


def reseal_snapshot(snap):
    struct.pack_into("<I", snap, len(snap) - 4, zlib.crc32(bytes(snap[:-4])))


def tool(ccbpf, *args):
    p = subprocess.run([ccbpf, *args], capture_output=True, text=True)
    return p.returncode, p.stderr.strip()[:300]


def main():
    ccbpf, source, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    good = os.path.join(work, "good.ccbf")
    rc, err = tool(ccbpf, "compile", source, "-o", good)
    assert rc == 0, err
    image = bytearray(open(good, "rb").read())
    code_count, func_count = struct.unpack_from("<II", image, 12)
    funcs_at = 64 + 8 * code_count
    line_count = struct.unpack_from("<I", image, 36)[0]
    data_size = struct.unpack_from("<I", image, 20)[0]
    lines_at = funcs_at + 20 * func_count + ((data_size + 3) & ~3)

    def tampered(name, edit):
        img = bytearray(image)
        edit(img)
        reseal_image(img)
        path = os.path.join(work, name + ".ccbf")
        open(path, "wb").write(img)
        return path

    bad = {
        # the last function's end far past the code (the disasm overread)
        "func_end_past_code": lambda img: struct.pack_into(
            "<I", img, funcs_at + 20 * (func_count - 1) + 4, code_count + 100000),
        # a function starting past the code
        "func_entry_past_code": lambda img: struct.pack_into(
            "<II", img, funcs_at + 20 * (func_count - 1), code_count + 7, code_count + 9),
        # a line entry naming an instruction past the code
        "line_past_code": lambda img: struct.pack_into(
            "<I", img, lines_at + 8 * (line_count - 1), code_count + 5),
        # a name offset past the name table
        "name_past_table": lambda img: struct.pack_into(
            "<I", img, funcs_at + 16, 0x7FFFFFF0),
    }
    failures = []
    for name, edit in bad.items():
        path = tampered(name, edit)
        answers = {cmd: tool(ccbpf, cmd, path) for cmd in ("run", "disasm", "inspect")}
        for cmd, (rc, err) in answers.items():
            if rc != 1 or not err.startswith("ccbpf: "):
                failures.append(f"{name}: {cmd} answered rc={rc} {err!r}")
        if len({err for _, err in answers.values()}) != 1:
            failures.append(f"{name}: run, disasm and inspect disagree: {answers}")

    # Snapshots: inspect refuses what resume refuses for framing reasons.
    snap_path = os.path.join(work, "good.snap")
    rc, err = tool(ccbpf, "run", "--stop-after", "50", "--save-snapshot", snap_path, good)
    assert os.path.exists(snap_path), err
    snap = bytearray(open(snap_path, "rb").read())
    rc, err = tool(ccbpf, "inspect", snap_path)
    assert rc == 0, err
    snap_bad = {
        "depth_huge": lambda s: struct.pack_into("<I", s, 32, 0xFFFFFFFF),
        "sp_past_memory": lambda s: struct.pack_into("<I", s, 24, 0x7FFFFFFF),
        "bad_run_state": lambda s: struct.pack_into("<I", s, 36, 9),
        "stack_len_off": lambda s: struct.pack_into("<I", s, 60, struct.unpack_from("<I", s, 60)[0] + 4),
    }
    for name, edit in snap_bad.items():
        s = bytearray(snap)
        edit(s)
        reseal_snapshot(s)
        path = os.path.join(work, name + ".snap")
        open(path, "wb").write(s)
        for args in (("inspect", path), ("resume", good, path)):
            rc, err = tool(ccbpf, *args)
            if rc != 1 or "snapshot refused" not in err:
                failures.append(f"{name}: {args[0]} answered rc={rc} {err!r}")
    # A truncated file of each kind.
    for name, data in (("short.snap", snap[:40]), ("short.ccbf", image[:40])):
        path = os.path.join(work, name)
        open(path, "wb").write(data)
        rc, err = tool(ccbpf, "inspect", path)
        if rc != 1:
            failures.append(f"{name}: inspect answered rc={rc} {err!r}")
    for f in failures:
        print(f)
    print(f"{len(bad)} images x 3 commands, {len(snap_bad)} snapshots x 2 commands: "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
