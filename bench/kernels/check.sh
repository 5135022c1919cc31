#!/usr/bin/env bash
# Checks every kernel: builds it natively (gcc -O2, warnings are errors), runs it, and
# compares its checksum with checksums.txt and with the checksum of <name>.wasm run in
# node (WebAssembly.instantiate, no imports). Prints the native run time of each. Kernels
# named simd_* are built natively with -msse4.2 (x86-64-v2, wasm2obj's default target).
#
# Usage: bench/kernels/check.sh [--update] [NAME...]
#   --update   rewrite checksums.txt from the native builds (after a kernel changed;
#              still fails if a .wasm disagrees)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-gcc}
update=0
if [ "${1:-}" = --update ]; then
  update=1
  shift
fi

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

expected() { awk -v n="$1" '$1 == n { print $2 }' "$here/checksums.txt" 2>/dev/null || true; }

fail=0
: >"$tmp/checksums"
for name in "${names[@]}"; do
  flags=()
  case "$name" in simd_*) flags=(-msse4.2) ;; esac
  "$CC" -O2 -std=c11 -Wall -Wextra -Werror "${flags[@]}" "$here/$name.c" "$here/native-main.c" -o "$tmp/$name"
  start=$(date +%s%N)
  native=$("$tmp/$name")
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  wasm=$(node -e '
    const bytes = require("fs").readFileSync(process.argv[1]);
    WebAssembly.instantiate(bytes).then(({ instance }) =>
      console.log(BigInt.asUintN(64, instance.exports.bench_run()).toString()));
  ' "$here/$name.wasm")
  want=$(expected "$name")
  status=ok
  if [ "$native" != "$wasm" ]; then status="MISMATCH: wasm $wasm"; fail=1; fi
  if [ $update = 0 ] && [ "$native" != "$want" ]; then status="MISMATCH: checksums.txt ${want:-(none)}"; fail=1; fi
  printf '%-15s %20s  native %5d ms  %s\n' "$name" "$native" "$ms" "$status"
  echo "$name $native" >>"$tmp/checksums"
done

if [ $update = 1 ]; then
  # merge: replace the lines of the kernels checked, keep the others, sort by name
  { [ -f "$here/checksums.txt" ] && awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' "$tmp/checksums" "$here/checksums.txt"
    cat "$tmp/checksums"; } | sort >"$tmp/merged"
  mv "$tmp/merged" "$here/checksums.txt"
  chmod 644 "$here/checksums.txt"
fi
exit $fail
