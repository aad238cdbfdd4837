#!/usr/bin/env python3
"""Turns the frozen wire samples (hex) into libFuzzer seeds: control byte 1 + the bytes."""
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if name.endswith(".hex"):
        data = bytes(int(t, 16) for t in open(os.path.join(src, name)).read().split())
        open(os.path.join(dst, name[:-4]), "wb").write(b"\x01" + data)
