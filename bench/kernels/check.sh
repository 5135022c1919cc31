#!/usr/bin/env bash
# Checks every kernel: builds it natively with bench-main.c (gcc -O2, warnings are
# errors), runs it, and compares its checksum with checksums.txt and with the checksum
# that <name>.wasm prints when node runs it as a WASI command (node:wasi). Prints the
# native time of bench_run. Kernels named simd_* (GCC vector extensions) are built natively
# with -msse4.2 too, the vector instructions of x86-64-v2, which is what wasm2obj assumes
# by default; npm run bench builds them the same way (bench/lib/kernels.ts).
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
    [ "$name" = bench-main ] || names+=("$name")
  done
fi

expected() { awk -v n="$1" '$1 == n { print $2 }' "$here/checksums.txt" 2>/dev/null || true; }

# Runs a WASI command in node and passes on its exit status.
cat >"$tmp/wasi-run.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: [process.argv[2]], env: {}, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(process.argv[2]));
process.exitCode = wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
EOF

fail=0
: >"$tmp/checksums"
for name in "${names[@]}"; do
  flags=()
  case "$name" in simd_*) flags=(-msse4.2) ;; esac
  "$CC" -O2 -std=c11 -Wall -Wextra -Werror "${flags[@]}" "$here/$name.c" "$here/bench-main.c" -o "$tmp/$name"
  out=$("$tmp/$name") || true
  native=${out%% *} ns=${out#* }
  [[ $ns =~ ^[0-9]+$ ]] || ns=0
  out=$(node --no-warnings "$tmp/wasi-run.mjs" "$here/$name.wasm") || true
  wasm=${out%% *}
  want=$(expected "$name")
  status=ok
  if [ "$native" != "$wasm" ]; then status="MISMATCH: wasm ${wasm:-(nothing)}"; fail=1; fi
  if [ $update = 0 ] && [ "$native" != "$want" ]; then status="MISMATCH: checksums.txt ${want:-(none)}"; fail=1; fi
  printf '%-15s %20s  native %5s ms  %s\n' "$name" "$native" "$((ns / 1000000))" "$status"
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
