/**
 * The benchmark kernels: `<name>.c` and its wasm32 build `<name>.wasm` side by side in one
 * folder (bench/kernels), each exporting `uint64_t bench_run(void)`, with `native-main.c`
 * (prints bench_run()'s checksum) and `checksums.txt` (`name checksum` lines, from the
 * native build) next to them. Kernels named `simd_*` use fixed-width SIMD: their .wasm is
 * built with -msimd128 and their native build gets SIMD_NATIVE_FLAGS.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Kernel {
  name: string;
  source: string;
  wasm: string;
  /** The checksum checksums.txt gives, as an unsigned decimal; undefined when it has none. */
  expected: string | undefined;
  /** A SIMD kernel (`simd_*`). */
  simd: boolean;
}

/**
 * gcc flags of the native build of a SIMD kernel: x86-64-v2's SSE4.2, what wasm2obj assumes
 * by default (plain -O2 would stop at SSE2).
 */
export const SIMD_NATIVE_FLAGS: readonly string[] = ['-msse4.2'];

/** The extra gcc flags of a kernel's native build. */
export const nativeFlags = (k: Kernel): readonly string[] => (k.simd ? SIMD_NATIVE_FLAGS : []);

/** Names that sit among the kernels but are not kernels. */
const NOT_KERNELS = new Set(['native-main']);

/** `name checksum` lines; blank lines and `#` comments are skipped. */
export function readChecksums(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(file)) return out;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [name, sum] = line.split(/\s+/);
    if (name !== undefined && sum !== undefined && /^\d+$/.test(sum)) out.set(name, BigInt(sum).toString());
  }
  return out;
}

/** Every kernel of `dir` that has both a .c and a .wasm, by name; or those `only` names, in that order. */
export function findKernels(dir: string, only?: readonly string[]): Kernel[] {
  const checksums = readChecksums(path.join(dir, 'checksums.txt'));
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.wasm'))
        .map((f) => f.slice(0, -'.wasm'.length))
        .filter((n) => !NOT_KERNELS.has(n) && fs.existsSync(path.join(dir, `${n}.c`)))
        .sort()
    : [];
  if (only !== undefined) {
    const missing = only.filter((n) => !names.includes(n));
    if (missing.length > 0) {
      throw new Error(`no kernel ${missing.join(', ')} in ${dir} (a kernel is NAME.c with its NAME.wasm; there are: ${names.join(', ') || 'none'})`);
    }
  }
  return (only ?? names).map((name) => ({
    name,
    source: path.join(dir, `${name}.c`),
    wasm: path.join(dir, `${name}.wasm`),
    expected: checksums.get(name),
    simd: name.startsWith('simd_'),
  }));
}
