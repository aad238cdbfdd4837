#!/usr/bin/env python3
"""Garbage the ccBPF compiler accepts but C rejects (issue 21 item 9).

Mutates each program of the conformance corpus at the token level (a token deleted,
duplicated, swapped with its neighbour or replaced), deterministically, and compiles every
mutant with the ccBPF compiler and with `gcc -fsyntax-only` (ccbpf.h is the prelude that
declares the built-ins; the diagnostics GCC 14 makes errors by default are errors here
too). A mutant gcc rejects and ccbpf accepts is classed by gcc's first error, with names
and numbers taken out. Every class must be in CLASSES below, which says for each whether
it is an intended extension (documented in docs/ccbpf-language.md) or a known gap not yet
rejected; a new class fails the test, so the list is the test's and stays current.

usage: mutation_vs_gcc.py CCBPF INCLUDE_DIR CORPUS_DIR WORK_DIR [MUTANTS_PER_PROGRAM]"""
import glob
import os
import random
import re
import subprocess
import sys

# class (gcc's first error, normalised) -> what it is. See docs/ccbpf-language.md,
# "Accepted where C is stricter".
EXTENSION = "intended extension"
GAP = "known gap: not yet rejected"
CLASSES = {
    "ISO C does not allow extra _ outside of a function [-Wpedantic]": EXTENSION,
    "duplicate _": GAP,
    "initialization of _ from incompatible pointer type _ [-Wincompatible-pointer-types]": GAP,
    "passing argument N of _ from incompatible pointer type [-Wincompatible-pointer-types]": GAP,
    "assignment to _ from incompatible pointer type _ [-Wincompatible-pointer-types]": GAP,
    "returning _ from a function with incompatible return type _ [-Wincompatible-pointer-types]":
        GAP,
}

TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|[A-Za-z_]\w*|\d\w*|'
                   r'<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|\S')
REPLACEMENTS = ["int", "char", "unsigned", "static", "const", "void", "struct", "return",
                "if", "else", "while", "for", ";", ",", "(", ")", "{", "}", "[", "]", "*",
                "&", "=", "+", "-", "0", "1", "x", "i", "main", "sizeof", "?", ":", "."]


def mutate(src, rng):
    lines = src.split("\n")
    head = [l for l in lines if l.startswith("#")]
    body = "\n".join(l for l in lines if not l.startswith("#"))
    spans = [m.span() for m in TOKEN.finditer(body)]
    if len(spans) < 4:
        return None
    k = rng.randrange(len(spans))
    a, b = spans[k]
    tok = body[a:b]
    kind = rng.randrange(4)
    if kind == 0:
        new = ""
    elif kind == 1:
        new = tok + " " + tok
    elif kind == 2 and k + 1 < len(spans):
        c, d = spans[k + 1]
        return "\n".join(head) + "\n" + body[:a] + body[c:d] + body[b:c] + tok + body[d:]
    else:
        new = rng.choice(REPLACEMENTS)
    return "\n".join(head) + "\n" + body[:a] + new + body[b:]


def normalise(msg):
    msg = re.sub(r"‘[^’]*’|'[^']*'", "_", msg)
    msg = re.sub(r"\b\d+\b", "N", msg)
    return msg.strip()


def main():
    ccbpf, include, corpus, work = sys.argv[1:5]
    per_program = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    os.makedirs(work, exist_ok=True)
    rng = random.Random(21)
    mutants = []
    for prog in sorted(glob.glob(os.path.join(corpus, "*.c"))):
        src = open(prog).read()
        for i in range(per_program):
            m = mutate(src, rng)
            if m is None:
                continue
            path = os.path.join(work, f"{os.path.basename(prog)[:-2]}_{i}.c")
            open(path, "w").write(m)
            mutants.append(path)
    accepted = [p for p in mutants
                if subprocess.run([ccbpf, "compile", p, "-o", p + ".ccbf"],
                                  capture_output=True).returncode == 0]
    gcc = subprocess.run(["gcc", "-std=c11", "-fsyntax-only", "-pedantic-errors",
                          "-Werror=implicit-function-declaration", "-Werror=implicit-int",
                          "-Werror=int-conversion", "-Werror=incompatible-pointer-types",
                          "-Werror=return-type",
                          "-fmax-errors=1", "-I", include] + accepted,
                         capture_output=True, text=True)
    first_error = {}
    for line in gcc.stderr.splitlines():
        m = re.match(r"(.*?\.c):\d+:\d+: error: (.*)", line)
        if m and m.group(1) not in first_error:
            first_error[m.group(1)] = normalise(m.group(2))
    found = {}
    for path, cls in first_error.items():
        found.setdefault(cls, []).append(path)
    new = sorted(c for c in found if c not in CLASSES)
    print(f"{len(mutants)} mutants, {len(accepted)} compiled by ccbpf, "
          f"{len(first_error)} of those rejected by gcc, in {len(found)} classes")
    for cls in sorted(found):
        tag = CLASSES.get(cls, "NEW: not in the list")
        print(f"  [{len(found[cls]):3}] {cls}  ({tag}; e.g. {os.path.basename(found[cls][0])})")
    for cls in sorted(set(CLASSES) - set(found)):
        print(f"  [  0] {cls}  (listed, not seen in this run)")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
