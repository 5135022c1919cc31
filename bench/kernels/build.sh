#!/usr/bin/env bash
# Rebuilds bench/kernels/<name>.wasm from every <name>.c here (but bench-main.c): the
# kernel and bench-main.c as one wasm32-wasi command (clang 14, wasm-ld 14, Debian's
# wasi-libc), whose _start prints "CHECKSUM NANOSECONDS". With the tool versions of
# README.md the output is byte-identical from run to run. Fails if a module imports
# anything but the WASI functions that bench/lib/c/wasm2c-main.c provides.
#
# Usage: bench/kernels/build.sh [NAME...]   (default: every kernel)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CLANG=${CLANG:-clang-14}
# Debian's wasi-libc package: /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi, which
# clang-14 finds for --target=wasm32-wasi by itself; elsewhere point WASI_SYSROOT at a
# wasi-sdk sysroot.
sysroot=()
if [ -n "${WASI_SYSROOT:-}" ]; then sysroot=("--sysroot=$WASI_SYSROOT"); fi

# What the wasm2c engine's shim implements (bench/lib/c/wasm2c-main.c).
allowed='clock_time_get fd_close fd_fdstat_get fd_seek fd_write proc_exit'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    [ "$name" = bench-main ] || names+=("$name")
  done
fi

cflags=(--target=wasm32-wasi "${sysroot[@]}" -O2 -std=c11 -Wall -Wextra -Werror)
# Compile and link in separate steps, with no -O on the link line: with it, clang 14 runs
# binaryen's wasm-opt when it is installed, and the output would depend on that.
# --strip-debug drops the DWARF that Debian's libc.a carries; the name section stays.
"$CLANG" "${cflags[@]}" -c "$here/bench-main.c" -o "$tmp/bench-main.o"
for name in "${names[@]}"; do
  # Kernels named simd_* use fixed-width SIMD (GCC vector extensions).
  simd=()
  case "$name" in simd_*) simd=(-msimd128) ;; esac
  "$CLANG" "${cflags[@]}" "${simd[@]}" -c "$here/$name.c" -o "$tmp/$name.o"
  "$CLANG" --target=wasm32-wasi "${sysroot[@]}" -Wl,--strip-debug \
    "$tmp/$name.o" "$tmp/bench-main.o" -o "$tmp/$name.wasm"
  if command -v wasm-objdump >/dev/null; then
    wasm-objdump -x -j Import "$tmp/$name.wasm" | sed -n 's/.* <- \(.*\)$/\1/p' | while read -r import; do
      field=${import#wasi_snapshot_preview1.}
      if [ "$field" = "$import" ] || ! [[ " $allowed " == *" $field "* ]]; then
        echo "$name.wasm: error: imports $import, which bench/lib/c/wasm2c-main.c does not provide" >&2
        exit 1
      fi
    done
  fi
  chmod 644 "$tmp/$name.wasm"
  mv "$tmp/$name.wasm" "$here/$name.wasm"
  echo "$name.wasm $(stat -c %s "$here/$name.wasm") bytes"
done
