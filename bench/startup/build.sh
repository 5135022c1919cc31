#!/usr/bin/env bash
# Rebuilds bench/startup/hello.wasm from hello.c: a wasm32-wasi command, with the recipe
# of bench/kernels/build.sh (clang 14, Debian's wasi-libc; compile and link in separate
# steps, no -O on the link line, so that clang does not run wasm-opt). Byte-identical
# from run to run with the tool versions of bench/kernels/README.md.
#
# Usage: bench/startup/build.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CLANG=${CLANG:-clang-14}
sysroot=()
if [ -n "${WASI_SYSROOT:-}" ]; then sysroot=("--sysroot=$WASI_SYSROOT"); fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$CLANG" --target=wasm32-wasi "${sysroot[@]}" -O2 -std=c11 -Wall -Wextra -Werror -c "$here/hello.c" -o "$tmp/hello.o"
"$CLANG" --target=wasm32-wasi "${sysroot[@]}" -Wl,--strip-debug "$tmp/hello.o" -o "$tmp/hello.wasm"
chmod 644 "$tmp/hello.wasm"
mv "$tmp/hello.wasm" "$here/hello.wasm"
echo "hello.wasm $(stat -c %s "$here/hello.wasm") bytes"
