#!/usr/bin/env bash
# Rebuilds bench/kernels/<name>.wasm from every <name>.c here (but native-main.c) with
# clang 14 and wasm-ld (freestanding: no libc, no entry point, one export "bench_run" plus
# the memory, which wasm-ld exports by default). With the tool versions of README.md the
# output is byte-identical. Fails if a module imports anything. Kernels named simd_* are
# built with -msimd128 (fixed-width SIMD).
#
# Usage: bench/kernels/build.sh [NAME...]   (default: every kernel)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CLANG=${CLANG:-clang-14}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    [ "$name" = native-main ] || names+=("$name")
  done
fi

for name in "${names[@]}"; do
  flags=()
  case "$name" in simd_*) flags=(-msimd128) ;; esac
  # Compile and link in two steps: with -O on the link line clang 14 runs binaryen's
  # wasm-opt when it is installed, which would make the output depend on it.
  # -ffreestanding implies -fno-builtin: clang does not turn loops into calls to
  # memset/memcpy (common.h defines them for the calls it still emits).
  "$CLANG" --target=wasm32 -O2 -std=c11 -ffreestanding -Wall -Wextra -Werror "${flags[@]}" \
    -c "$here/$name.c" -o "$tmp/$name.o"
  "$CLANG" --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export=bench_run \
    "$tmp/$name.o" -o "$tmp/$name.wasm"
  if command -v wasm-objdump >/dev/null; then
    if wasm-objdump -h "$tmp/$name.wasm" | grep -q '^ *Import '; then
      echo "$name.wasm: error: the module imports something:" >&2
      wasm-objdump -x -j Import "$tmp/$name.wasm" >&2
      exit 1
    fi
  fi
  chmod 644 "$tmp/$name.wasm"
  mv "$tmp/$name.wasm" "$here/$name.wasm"
  echo "$name.wasm $(stat -c %s "$here/$name.wasm") bytes"
done
