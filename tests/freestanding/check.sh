#!/usr/bin/env bash
# Compiles the portable cores that boards build (src/util, src/world, src/migration's
# wire and state machine, the async headers) against arch/common/freestanding alone, with
# the host's C++ library hidden (-nostdinc++): a use of the standard library outside the
# subset those headers give fails here, on the host, before it breaks a RISC-V build.
#   check.sh CXX SOURCE_DIR
set -u
cxx="$1" root="$2"
flags=(-std=c++20 -fsyntax-only -nostdinc++ -Wall -Wextra -Werror -fno-exceptions -fno-rtti
       -isystem "$root/arch/common/freestanding" -I"$root/include"
       -I"$root/arch/host/include" -I"$root/boards/host/include")
fails=0 n=0
for f in "$root"/src/util/*.cpp "$root"/src/world/*.cpp "$root"/src/migration/wire.cpp \
         "$root"/src/migration/migrator.cpp; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  if ! out="$("$cxx" "${flags[@]}" "$f" 2>&1)"; then
    echo "FAIL ${f#"$root"/}:"; echo "$out" | head -15; fails=$((fails + 1))
  fi
done
echo "$n sources, $fails failed"
[ "$fails" = 0 ] && [ "$n" -gt 0 ]
