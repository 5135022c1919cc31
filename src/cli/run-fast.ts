/**
 * The command line of `wasm2obj run` read without yargs, whose loading costs about as much
 * as the rest of a cached run's start-up together. Only the plain forms are read here:
 * anything else (--help, an unknown or malformed option, a missing input) gives undefined,
 * and main.ts hands the whole line to yargs, which accepts or explains it. The options are
 * those main.ts declares for `run`; the two must agree (test/cli-wasi.test.ts runs both).
 */
import type { RunArgs } from './run-command.js';
import { DEFAULT_TARGET_CPU } from './target-cpu.js';

export function parseRunFast(argv: readonly string[]): RunArgs | undefined {
  if (argv[0] !== 'run') return undefined;
  const a: RunArgs = { input: '', args: [], dir: [], env: [], cache: true, jobs: undefined, boundsChecks: false, targetCpu: DEFAULT_TARGET_CPU, verbose: false };
  const dir: string[] = [];
  const env: string[] = [];
  let input: string | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--') {
      i++;
      break;
    }
    const eq = x.startsWith('--') ? x.indexOf('=') : -1;
    const name = eq > 0 ? x.slice(0, eq) : x;
    const inline = eq > 0 ? x.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--dir': {
        const v = value();
        if (v === undefined) return undefined;
        dir.push(v);
        break;
      }
      case '--env': {
        const v = value();
        if (v === undefined) return undefined;
        env.push(v);
        break;
      }
      case '--target-cpu': {
        const v = value();
        if (v === undefined) return undefined;
        a.targetCpu = v;
        break;
      }
      case '--no-cache':
        a.cache = false;
        break;
      case '--bounds-checks':
        a.boundsChecks = true;
        break;
      case '-v':
      case '--verbose':
        a.verbose = true;
        break;
      case '-O0':
        break;
      default:
        if (x.startsWith('-') || input !== undefined) return undefined;
        input = x;
    }
    if (inline !== undefined && !['--dir', '--env', '--target-cpu'].includes(name)) return undefined;
  }
  if (input === undefined) return undefined;
  return { ...a, input, dir, env, args: argv.slice(i) };
}
