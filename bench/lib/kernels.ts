/**
 * The benchmark kernels: `<name>.c`, defining `uint64_t bench_run(void)`, and `<name>.wasm`,
 * the kernel with `bench-main.c` as a wasm32-wasi command, side by side in one folder
 * (bench/kernels), with `bench-main.c` (times bench_run and prints "CHECKSUM NANOSECONDS")
 * and `checksums.txt` (`name checksum` lines, from the native build) next to them.
 * Kernels named `simd_*` use fixed-width SIMD (GCC vector extensions): their .wasm is built
 * with -msimd128, and their native build gets SIMD_NATIVE_FLAGS.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Kernel {
  name: string;
  source: string;
  /** The main that makes the kernel a program: bench-main.c of the same folder. */
  main: string;
  /** The kernel and that main as a WASI command. */
  wasm: string;
  /** The checksum checksums.txt gives, as an unsigned decimal; undefined when it has none. */
  expected: string | undefined;
  /** A SIMD kernel (`simd_*`): its module has v128 code, which not every engine takes. */
  simd: boolean;
}

/**
 * The extra gcc flags of a SIMD kernel's native build: SSE4.2, the vector instructions of
 * x86-64-v2, which is what wasm2obj assumes by default; plain -O2 would stop at SSE2 and
 * give the native reference fewer instructions than the compiled wasm may use.
 */
export const SIMD_NATIVE_FLAGS: readonly string[] = ['-msse4.2'];

/** The extra gcc flags of a kernel's native build. */
export const nativeFlags = (k: Kernel): readonly string[] => (k.simd ? SIMD_NATIVE_FLAGS : []);

/** Names that sit among the kernels but are not kernels. */
const MAIN = 'bench-main';
const NOT_KERNELS = new Set([MAIN]);

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
    main: path.join(dir, `${MAIN}.c`),
    wasm: path.join(dir, `${name}.wasm`),
    expected: checksums.get(name),
    simd: name.startsWith('simd_'),
  }));
}
