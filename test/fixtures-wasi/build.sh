#!/usr/bin/env bash
# Rebuilds the committed .wasm of every test program here from its C source:
#   bash test/fixtures-wasi/build.sh
# Needs clang and wasm-ld (LLVM 14 made the committed files) and Debian's wasi-libc
# (/usr/lib/wasm32-wasi, /usr/include/wasm32-wasi). The tests only read the .wasm files.
#
# Reproducible: no debug info, no paths; linking is a separate step without -O, because
# clang would otherwise run wasm-opt when it finds one, which drops the name section the
# backtraces need. Running this twice gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

compile() { # NAME [LINK FLAGS...]
  local name=$1
  shift
  clang --target=wasm32-wasi -O2 -g0 -Wall -Wextra -Werror -c "$name.c" -o "$tmp/$name.o"
  clang --target=wasm32-wasi "$tmp/$name.o" -o "$name.wasm" -Wl,--strip-debug "$@"
}

for src in *.c; do # host/*.c are native programs, built by the test
  name=${src%.c}
  case $name in
    reactor) compile "$name" -mexec-model=reactor ;;
    *) compile "$name" ;;
  esac
done
