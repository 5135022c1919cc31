/**
 * The spec host process (runtime/tools/spec-host.c) seen from TypeScript: one request
 * line out, one answer line back, with a time limit per request. A host that exits,
 * crashes or overruns its time limit makes the pending request fail with `HostDied`;
 * the process is then gone and a new `SpecHost` must be started.
 *
 * The protocol (strings are `x` + hex of their UTF-8 bytes; values as in values.ts):
 *
 *   (on start)                       ready w2o-spec-host 1
 *   module ID xPATH                  ok | error KIND CODE xMESSAGE
 *                                    KIND: bad_module | link | trap | resource | other;
 *                                    CODE: the trap code for a trap, else 0
 *   register xNAME ID                ok | error other 0 xMESSAGE
 *   invoke ID xEXPORT VALUE...       ok VALUE... | trap CODE xMESSAGE xFUNCTION
 *                                    | error other 0 xMESSAGE
 *   get ID xEXPORT                   ok VALUE | error other 0 xMESSAGE
 *   free ID                          ok | error other 0 xMESSAGE
 *                                    frees the instance (and its object): the client
 *                                    knows that nothing can reach it any more
 *
 * IDs are chosen by the client: a module's ID names its instance in later requests and is
 * never reused within one host. A module whose instantiation failed has no instance.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './wast-json.js';

export const PROTOCOL_GREETING = 'ready w2o-spec-host 1';

/** The host program: $W2O_SPEC_HOST, else runtime/build/w2o-spec-host (built by `npm run build`). */
export function specHostPath(): string {
  return process.env['W2O_SPEC_HOST'] ?? join(repoRoot(), 'runtime', 'build', 'w2o-spec-host');
}

/** Throws a clear error when the host program is missing. */
export function checkSpecHost(path = specHostPath()): void {
  if (!existsSync(path)) {
    throw new Error(`the spec host ${path} is missing: run 'npm run build' (it builds runtime/), or set W2O_SPEC_HOST`);
  }
}

export class HostDied extends Error {
  constructor(
    message: string,
    /** The last lines the host wrote to stderr. */
    readonly stderrTail: string,
  ) {
    super(message);
  }
}

const STDERR_KEEP = 4096;

export class SpecHost {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | undefined;
  private stderr = '';
  private dead: HostDied | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(path: string, private readonly timeoutMs: number) {
    this.child = spawn(path, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    // Writes to a host that died fail with EPIPE; the exit is reported through 'close'.
    this.child.stdin.on('error', () => {});
    this.child.on('error', (e) => this.die(`cannot run ${path}: ${e.message}`));
    this.child.on('close', (code, signal) => {
      this.die(`the spec host ${signal !== null ? `was killed by ${signal}` : `exited with status ${code}`}`);
    });
  }

  /** Starts a host and waits for its greeting. */
  static async start(path: string, timeoutMs: number): Promise<SpecHost> {
    const host = new SpecHost(path, timeoutMs);
    const greeting = await host.next(`starting`);
    if (greeting !== PROTOCOL_GREETING) {
      host.kill();
      throw new HostDied(`the spec host greeted with ${JSON.stringify(greeting)}, not ${JSON.stringify(PROTOCOL_GREETING)}`, host.stderr);
    }
    return host;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Sends one request and returns the answer line. Rejects with HostDied. */
  request(line: string): Promise<string> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    if (this.waiting !== undefined) return Promise.reject(new Error('spec host: one request at a time'));
    this.child.stdin.write(`${line}\n`);
    return this.next(line.split(' ', 1)[0]!);
  }

  /** Ends the host: closing its input makes it exit; a host that does not is killed. */
  async close(): Promise<void> {
    if (this.dead !== undefined) return;
    const exited = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill('the spec host did not exit when its input ended'), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the host at once; a pending request fails. */
  kill(why = 'the spec host was killed by the runner'): void {
    this.die(why);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private next(what: string): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.timer = setTimeout(() => {
        this.kill(`the spec host did not answer "${what}" within ${this.timeoutMs / 1000} s, and was killed`);
      }, this.timeoutMs);
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const w = this.waiting;
      if (w !== undefined) {
        this.settle();
        w.resolve(line);
      } else {
        this.lines.push(line);
      }
    }
  }

  private die(why: string): void {
    if (this.dead !== undefined) return;
    this.dead = new HostDied(why, this.stderr);
    const w = this.waiting;
    if (w !== undefined) {
      this.settle();
      // Let the rest of stderr arrive before the failure is reported.
      setImmediate(() => w.reject(new HostDied(why, this.stderr)));
    }
  }

  private settle(): void {
    this.waiting = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
