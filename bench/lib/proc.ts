/**
 * Running the programs under test.
 *
 * Timed runs go through `exec-timer` (c/exec-timer.c, compiled here with the system C
 * compiler), which forks the command and reports its wall time, CPU time and peak resident
 * set size from wait4: the same numbers for node, gcc, wasm2c and the compiled kernels,
 * without GNU time. Timed runs are synchronous and one at a time, so no two measurements
 * share the machine. Builds, which are not timed, may run concurrently (`runTool`, `pool`).
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HARNESS_C_DIR } from './paths.js';

/** What one timed process cost. */
export interface ProcessCost {
  /** Fork to exit, nanoseconds. */
  wallNs: number;
  /** User + system CPU time of all its threads, nanoseconds. */
  cpuNs: number;
  /** Peak resident set size, bytes. */
  maxRss: number;
}

export interface Measured extends ProcessCost {
  stdout: string;
  stderr: string;
}

/** A command that failed: its exit status or signal, and the end of what it said. */
export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly detail: string,
  ) {
    super(`${argv.map(quote).join(' ')}: ${detail}`);
  }
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The last few lines of a tool's stderr, for an error message. */
export function tail(text: string, lines = 6): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['...', ...all.slice(-lines)] : all).join('\n');
}

/** A command to run: its argv, and variables to add to the environment. */
export interface Command {
  argv: string[];
  env?: Record<string, string>;
}

const withEnv = (env: Record<string, string> | undefined) => (env === undefined ? undefined : { ...process.env, ...env });

export interface TimedOptions {
  cwd?: string;
  /** Added to the environment. */
  env?: Record<string, string>;
  /** Kill the command after this long (default 15 minutes). */
  timeoutMs?: number;
}

export class Timer {
  private constructor(
    private readonly exe: string,
    private readonly statsFile: string,
  ) {}

  /** Compiles exec-timer into `workDir`. */
  static async build(workDir: string): Promise<Timer> {
    const exe = path.join(workDir, 'exec-timer');
    await runTool(['cc', '-std=c11', '-O2', '-o', exe, path.join(HARNESS_C_DIR, 'exec-timer.c')]);
    return new Timer(exe, path.join(workDir, 'exec-timer.stats'));
  }

  /** Runs argv to completion and measures it; throws a CommandError unless it exits 0. */
  measure(argv: readonly string[], opts: TimedOptions = {}): Measured {
    fs.rmSync(this.statsFile, { force: true });
    const r = spawnSync(this.exe, [this.statsFile, ...argv], {
      cwd: opts.cwd,
      env: withEnv(opts.env),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 15 * 60_000,
      maxBuffer: 64 << 20,
    });
    if (r.error) throw new CommandError(argv, r.error.message);
    let line: string;
    try {
      line = fs.readFileSync(this.statsFile, 'utf8').trim();
    } catch {
      throw new CommandError(argv, `exec-timer wrote no statistics (status ${r.status ?? r.signal})\n${tail(r.stderr)}`);
    }
    const [wall, user, sys, rssKb, status] = line.split(' ').map(Number) as [number, number, number, number, number];
    if (status !== 0) {
      const how = status === 127 ? 'cannot be run' : status > 128 ? `killed by signal ${status - 128}` : `exit status ${status}`;
      throw new CommandError(argv, `${how}\n${tail(r.stderr)}`);
    }
    return { wallNs: wall, cpuNs: (user + sys) * 1000, maxRss: rssKb * 1024, stdout: r.stdout, stderr: r.stderr };
  }
}

/** Runs a tool (a build step: not timed) and resolves with its stdout; rejects with a CommandError. */
export function runTool(argv: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: withEnv(opts.env), encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const how = typeof err.code === 'number' ? `exit status ${err.code}` : err.signal ? `killed by ${err.signal}` : err.message;
        reject(new CommandError(argv, `${how}\n${tail(stderr)}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Runs the tasks with at most `limit` at a time; settles every one (no task is abandoned on a failure). */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await tasks[i]!() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** An error as one message. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
