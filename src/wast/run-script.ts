/**
 * Runs one converted spec script through the whole pipeline: every module is compiled to
 * an object (compile.ts) and instantiated in a spec host process (host.ts), and every
 * command is checked, one result per command.
 *
 *   module                   compiles and instantiates; becomes the current module
 *   register                 the module's exports become importable under a name
 *   action                   invoke / get runs without trapping
 *   assert_return            the results, with nan:canonical / nan:arithmetic classes
 *   assert_trap,
 *   assert_exhaustion        traps, with the script's message (values.ts: trapTextMatches)
 *   assert_malformed,
 *   assert_invalid           binary: the validator rejects it as malformed / invalid;
 *                            text (`module quote`): not applicable, counted apart
 *   assert_unlinkable        compiles, then instantiation fails to link, with the text
 *   assert_uninstantiable    compiles, then instantiation traps, with the text
 *
 * Nothing is skipped silently: a command that cannot be run (its module did not compile,
 * the host died) fails with the reason. A host that dies is restarted for the next
 * command, and the modules and registrations that had succeeded are replayed into it
 * (fresh instances: state written by earlier commands is not), so one crash costs the
 * commands it hit, not the rest of the script.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compileToObject, describeThrown, describeWasmError, type CompileSettings } from './compile.js';
import { HostDied, SpecHost } from './host.js';
import type { CheckedCommand } from './known-failures.js';
import {
  argToWire,
  describeActual,
  describeExpected,
  hexString,
  matches,
  parseValue,
  parseWire,
  ProtocolError,
  trapTextMatches,
  unhexString,
  UnsupportedValue,
  type Actual,
} from './values.js';
import { validateModule } from '../translate/index.js';
import type { WastAction, WastCommand, WastFile } from './wast-json.js';

export type Verdict = 'pass' | 'fail' | 'not-applicable';

export interface CommandResult extends CheckedCommand {
  readonly loc: string;
  readonly type: string;
  readonly verdict: Verdict;
  /** Why it failed, or why it does not apply. */
  readonly reason?: string;
}

export interface ScriptResult {
  readonly name: string;
  readonly path: string;
  readonly results: readonly CommandResult[];
  /** Times the host died and was started again. */
  readonly hostRestarts: number;
}

export interface ScriptSettings extends CompileSettings {
  readonly hostPath: string;
  /** Time limit of one host request. */
  readonly timeoutMs: number;
  /** A folder for this script's objects (created if missing; the caller removes it). */
  readonly workDir: string;
}

/** The location of a script-level failure (a conversion that failed). */
export const scriptLoc = (name: string): string => `${name}:0`;

export async function runScript(file: WastFile, settings: ScriptSettings): Promise<ScriptResult> {
  if (file.conversionError !== undefined) {
    const result: CommandResult = { loc: scriptLoc(file.name), type: 'conversion', verdict: 'fail', reason: `wast2json: ${file.conversionError}` };
    return { name: file.name, path: file.path, results: [result], hostRestarts: 0 };
  }
  await mkdir(settings.workDir, { recursive: true });
  const run = new ScriptRun(settings);
  const results: CommandResult[] = [];
  try {
    for (const cmd of file.commands) {
      let r: Outcome;
      try {
        r = await run.command(cmd);
      } catch (e) {
        if (e instanceof HostDied) r = fail(hostDiedReason(e));
        else if (e instanceof ProtocolError) {
          // The host's state is unknown after an answer it should not have given.
          run.abandonHost();
          r = fail(e.message);
        } else {
          // A bug of wasm2obj (the validator, the compiler, this runner): the command
          // fails with it, and the script goes on.
          r = fail(`internal error: ${describeThrown(e)}`);
        }
      }
      results.push({ loc: cmd.loc, type: cmd.type, ...r });
    }
  } finally {
    await run.close();
  }
  return { name: file.name, path: file.path, results, hostRestarts: run.restarts };
}

type Outcome = { verdict: Verdict; reason?: string };
const PASS: Outcome = { verdict: 'pass' };
const fail = (reason: string): Outcome => ({ verdict: 'fail', reason });

/**
 * What a module command left behind: an instance in the host, or why there is none
 * (`lost`). `imports` and `registered` decide whether the instance can be freed once the
 * script can no longer name it.
 */
type ModuleRec = { readonly id: number; readonly label: string; lost?: string; imports?: boolean; registered?: boolean };

/** What the host said to an invoke or get. */
type ActionOutcome =
  | { kind: 'ok'; values: Actual[] }
  | { kind: 'trap'; code: number; message: string; func: string }
  | { kind: 'error'; message: string };

/** Restarts allowed per script before the remaining host commands fail outright. */
const MAX_RESTARTS = 25;

class ScriptRun {
  restarts = 0;
  private host: SpecHost | undefined;
  private started = false;
  private nextId = 1;
  private current: ModuleRec | undefined;
  private readonly byName = new Map<string, ModuleRec>();
  /** Requests that succeeded and define state: module and register, in order. */
  private readonly replay: { line: string; rec: ModuleRec }[] = [];

  constructor(private readonly settings: ScriptSettings) {}

  async close(): Promise<void> {
    await this.host?.close();
  }

  abandonHost(): void {
    this.host?.kill();
  }

  command(cmd: WastCommand): Promise<Outcome> {
    switch (cmd.type) {
      case 'module':
        return this.module(cmd);
      case 'register':
        return this.register(cmd);
      case 'action':
        return this.action(cmd);
      case 'assert_return':
        return this.assertReturn(cmd);
      case 'assert_trap':
      case 'assert_exhaustion':
        return this.assertTrap(cmd);
      case 'assert_malformed':
      case 'assert_invalid':
        return Promise.resolve(this.assertRejected(cmd));
      case 'assert_unlinkable':
      case 'assert_uninstantiable':
        return this.assertFailsToInstantiate(cmd);
      case 'assert_exception':
        return Promise.resolve(fail('assert_exception is not supported (exception handling is not in WebAssembly 2.0)'));
    }
  }

  private async module(cmd: WastCommand): Promise<Outcome> {
    const rec: ModuleRec = { id: this.nextId++, label: cmd.name !== undefined ? `${cmd.name} (line ${cmd.line})` : `module at line ${cmd.line}` };
    const previous = [this.current, cmd.name !== undefined ? this.byName.get(cmd.name) : undefined];
    this.current = rec;
    if (cmd.name !== undefined) this.byName.set(cmd.name, rec);
    if (isText(cmd)) {
      rec.lost = 'a text-format module';
      await this.freeUnreachable(previous);
      return { verdict: 'not-applicable', reason: rec.lost };
    }
    let made: Awaited<ReturnType<ScriptRun['instantiate']>>;
    try {
      made = await this.instantiate(cmd, rec.id);
    } catch (e) {
      rec.lost = e instanceof HostDied ? 'its instantiation killed the host' : 'its instantiation failed';
      throw e;
    }
    if (made.kind === 'ok') {
      rec.imports = made.imports;
      this.replay.push({ line: made.line, rec });
    } else {
      // The module's own failure says why in full; the commands that need it say what kind.
      rec.lost = made.kind === 'error' ? `${made.errorKind} error` : made.short;
    }
    await this.freeUnreachable(previous);
    return made.kind === 'ok' ? PASS : fail(made.why);
  }

  /**
   * Frees the instances of `recs` that the script can no longer reach: not the current
   * module, not named, never registered, and importing nothing (so no other instance can
   * hold its functions, tables or memories). Scripts such as const.wast make hundreds of
   * modules; the runtime registers the code of a limited number at once.
   */
  private async freeUnreachable(recs: readonly (ModuleRec | undefined)[]): Promise<void> {
    const named = new Set(this.byName.values());
    for (const rec of new Set(recs)) {
      if (rec === undefined || rec.lost !== undefined || rec.imports !== false || rec.registered === true) continue;
      if (rec === this.current || named.has(rec)) continue;
      rec.lost = 'freed';
      const i = this.replay.findIndex((s) => s.rec === rec);
      if (i >= 0) this.replay.splice(i, 1);
      if (this.host?.alive !== true) continue;
      let answer: string;
      try {
        answer = await this.host.request(`free ${rec.id}`);
      } catch (e) {
        // A bug of the runtime: the command that freed fails with it (the next one restarts the host).
        if (e instanceof HostDied) throw new HostDied(`freeing the instance of ${rec.label} killed the host: ${e.message}`, e.stderrTail);
        throw e;
      }
      if (answer !== 'ok') throw new ProtocolError(`the spec host could not free instance ${rec.id}: ${answer}`);
    }
  }

  private async register(cmd: WastCommand): Promise<Outcome> {
    if (cmd.as === undefined) return fail('register without a name');
    const found = this.moduleFor(cmd.name);
    if (typeof found === 'string') return fail(found);
    const line = `register ${hexString(cmd.as)} ${found.id}`;
    const answer = await this.request(line);
    if (answer !== 'ok') return fail(`the host refused: ${describeError(answer)}`);
    found.registered = true;
    this.replay.push({ line, rec: found });
    return PASS;
  }

  private async action(cmd: WastCommand): Promise<Outcome> {
    const r = await this.perform(cmd.action);
    if (typeof r === 'string') return fail(r);
    switch (r.kind) {
      case 'ok':
        return PASS;
      case 'trap':
        return fail(`trapped: ${describeTrap(r)}`);
      case 'error':
        return fail(r.message);
    }
  }

  private async assertReturn(cmd: WastCommand): Promise<Outcome> {
    let expected;
    try {
      expected = (cmd.expected ?? []).map(parseValue);
    } catch (e) {
      if (e instanceof UnsupportedValue) return fail(`cannot check: ${e.message}`);
      throw e;
    }
    const r = await this.perform(cmd.action);
    if (typeof r === 'string') return fail(r);
    switch (r.kind) {
      case 'trap':
        return fail(`expected ${expected.map(describeExpected).join(', ') || 'no results'}, trapped: ${describeTrap(r)}`);
      case 'error':
        return fail(r.message);
      case 'ok':
        break;
    }
    const got = r.values;
    const ok = got.length === expected.length && expected.every((e, i) => matches(e, got[i]!));
    if (ok) return PASS;
    const show = <T>(xs: readonly T[], f: (x: T) => string): string => (xs.length === 0 ? 'no results' : xs.map(f).join(', '));
    return fail(`expected ${show(expected, describeExpected)}, got ${show(got, describeActual)}`);
  }

  private async assertTrap(cmd: WastCommand): Promise<Outcome> {
    const text = cmd.text ?? '';
    const r = await this.perform(cmd.action);
    if (typeof r === 'string') return fail(r);
    switch (r.kind) {
      case 'ok':
        return fail(`expected a trap (${JSON.stringify(text)}), returned ${r.values.length === 0 ? 'no results' : r.values.map(describeActual).join(', ')}`);
      case 'error':
        return fail(r.message);
      case 'trap':
        return trapTextMatches(r.message, text) ? PASS : fail(`expected trap ${JSON.stringify(text)}, got trap ${describeTrap(r)}`);
    }
  }

  private assertRejected(cmd: WastCommand): Outcome {
    if (isText(cmd)) return { verdict: 'not-applicable', reason: 'a text-format test' };
    const want = cmd.type === 'assert_malformed' ? 'malformed' : 'invalid';
    const wanted = `${want} (${JSON.stringify(cmd.text ?? '')})`;
    if (cmd.bytes === undefined) return fail(`expected ${wanted}, but the command has no module`);
    const v = validateModule(cmd.bytes);
    if (v.ok) return fail(`expected ${wanted}, but the module validates`);
    if (v.error.kind !== want) return fail(`expected ${wanted}, got ${describeWasmError(v.error)}`);
    return PASS;
  }

  private async assertFailsToInstantiate(cmd: WastCommand): Promise<Outcome> {
    if (isText(cmd)) return { verdict: 'not-applicable', reason: 'a text-format module' };
    const text = cmd.text ?? '';
    const wantKind = cmd.type === 'assert_unlinkable' ? 'link' : 'trap';
    const id = this.nextId++;
    const made = await this.instantiate(cmd, id);
    switch (made.kind) {
      case 'ok':
        // Nothing can name it: free it, unless other instances may hold parts of it.
        await this.freeUnreachable([{ id, label: 'an assertion\'s module', imports: made.imports }]);
        return fail(`expected a ${wantKind} error (${JSON.stringify(text)}), but the module instantiated`);
      case 'not-run':
        return fail(made.why);
      case 'error':
        if (made.errorKind !== wantKind) return fail(`expected a ${wantKind} error (${JSON.stringify(text)}), got ${made.why}`);
        if (wantKind === 'link' ? !made.message.includes(text) : !trapTextMatches(made.message, text)) {
          return fail(`expected a ${wantKind} error ${JSON.stringify(text)}, got ${made.why}`);
        }
        return PASS;
    }
  }

  /** Compiles a command's module and instantiates it in the host under `id`. */
  private async instantiate(
    cmd: WastCommand,
    id: number,
  ): Promise<
    | { kind: 'ok'; line: string; imports: boolean; why?: undefined }
    | { kind: 'not-run'; why: string; short: string }
    | { kind: 'error'; errorKind: string; message: string; why: string }
  > {
    if (cmd.bytes === undefined) return { kind: 'not-run', why: 'the command has no module file', short: 'no module file' };
    const object = join(this.settings.workDir, `${id}.o`);
    const compiled = await compileToObject(cmd.bytes, object, this.settings);
    if (!compiled.ok) {
      const stage =
        compiled.stage === 'malformed' || compiled.stage === 'invalid'
          ? 'rejected by the validator'
          : compiled.stage === 'unsupported'
            ? 'not supported by the compiler'
            : `${compiled.stage} failed`;
      return { kind: 'not-run', why: `${stage}: ${compiled.message}`, short: stage };
    }
    const line = `module ${id} ${hexString(object)}`;
    const answer = await this.request(line);
    if (answer === 'ok') return { kind: 'ok', line, imports: compiled.imports };
    const err = parseError(answer);
    return { kind: 'error', errorKind: err.kind, message: err.message, why: `${err.kind} error: ${err.message}` };
  }

  /** Runs an invoke or get; a string is why it could not be run. */
  private async perform(action: WastAction | undefined): Promise<ActionOutcome | string> {
    if (action === undefined) return 'the command has no action';
    const found = this.moduleFor(action.module);
    if (typeof found === 'string') return found;
    let line: string;
    if (action.type === 'invoke') {
      try {
        line = ['invoke', String(found.id), hexString(action.field), ...action.args.map(argToWire)].join(' ');
      } catch (e) {
        if (e instanceof UnsupportedValue) return `cannot pass the arguments: ${e.message}`;
        throw e;
      }
    } else {
      line = `get ${found.id} ${hexString(action.field)}`;
    }
    const answer = await this.request(line);
    const words = answer.split(' ');
    switch (words[0]) {
      case 'ok':
        return { kind: 'ok', values: words.slice(1).map(parseWire) };
      case 'trap':
        return { kind: 'trap', code: Number(words[1]), message: unhexString(words[2] ?? ''), func: unhexString(words[3] ?? 'x') };
      default:
        return { kind: 'error', message: `the host refused: ${describeError(answer)}` };
    }
  }

  /** The module an action or register names (the current one when `name` is absent). */
  private moduleFor(name: string | undefined): ModuleRec | string {
    const rec = name === undefined ? this.current : this.byName.get(name);
    if (rec === undefined) return name === undefined ? 'no module is defined yet' : `no module is named ${name}`;
    if (rec.lost !== undefined) return `${rec.label} is not available (${rec.lost})`;
    return rec;
  }

  /** Sends a request, starting (or restarting) the host first when needed. */
  private async request(line: string): Promise<string> {
    const host = await this.ensureHost();
    return host.request(line);
  }

  private async ensureHost(): Promise<SpecHost> {
    for (;;) {
      if (this.host?.alive === true) return this.host;
      if (this.started) {
        if (this.restarts >= MAX_RESTARTS) throw new HostDied(`the spec host died ${MAX_RESTARTS} times; not restarted again`, '');
        this.restarts++;
      }
      this.started = true;
      const host = (this.host = await SpecHost.start(this.settings.hostPath, this.settings.timeoutMs));
      // Replay what defined the state. A module lost now (its instantiation fails, or
      // kills the host) makes the commands that use it fail, with the reason.
      for (const step of this.replay) {
        if (step.rec.lost !== undefined) continue;
        let answer: string;
        try {
          answer = await host.request(step.line);
        } catch (e) {
          if (!(e instanceof HostDied)) throw e;
          step.rec.lost = `replaying it after a host restart killed the host: ${hostDiedReason(e)}`;
          break;
        }
        if (answer !== 'ok') step.rec.lost = `replaying it after a host restart failed: ${describeError(answer)}`;
      }
    }
  }
}

function isText(cmd: WastCommand): boolean {
  return cmd.module_type !== undefined ? cmd.module_type === 'text' : cmd.filename?.endsWith('.wat') === true;
}

function parseError(answer: string): { kind: string; code: number; message: string } {
  const words = answer.split(' ');
  if (words[0] !== 'error' || words.length !== 4) throw new ProtocolError(`the spec host answered ${JSON.stringify(answer)}`);
  return { kind: words[1]!, code: Number(words[2]), message: unhexString(words[3]!) };
}

function describeError(answer: string): string {
  const e = parseError(answer);
  return `${e.kind} error: ${e.message}`;
}

function describeTrap(t: { code: number; message: string; func: string }): string {
  return `${JSON.stringify(t.message)}${t.func !== '' ? ` in ${t.func}` : ''}`;
}

function hostDiedReason(e: HostDied): string {
  const tail = e.stderrTail.trim().split('\n').slice(-3).join(' | ');
  return `${e.message}${tail !== '' ? ` (stderr: ${tail})` : ''}`;
}
