/**
 * What the spec suite requires of the translate stage (decode + validate), command by
 * command:
 *
 *   module                           binary module   must validate
 *   assert_malformed                 binary module   must be rejected as 'malformed'
 *   assert_malformed                 text (.wat)     not applicable: text-format test
 *   assert_invalid                   binary module   must be rejected as 'invalid'
 *   assert_unlinkable,
 *   assert_uninstantiable            binary module   must validate (they fail at link or
 *                                                    instantiation time, later stages)
 *   register, action, assert_return,
 *   assert_trap, assert_exhaustion, ...              not applicable: run time
 *
 * Not-applicable commands are neither passed nor failed; they are counted apart. The
 * validator is passed in, so the harness does not depend on how translate is built, and
 * a validator that throws fails the command ("crash: ...") instead of the run.
 */
import { join } from 'node:path';
import { repoRoot, type CommandType, type WastCommand, type WastFile } from '../../src/wast/wast-json.js';

/** The known-failure list of this stage (format and rule: known-failures.ts). */
export function validateKnownFailuresPath(): string {
  return join(repoRoot(), 'test', 'spec', 'validate-known-failures.txt');
}

/** The shape of translate's `WasmError` that the harness reads. */
export interface ValidationError {
  readonly kind: 'malformed' | 'invalid';
  readonly offset: number;
  readonly reason: string;
  readonly funcIndex?: number | undefined;
}

export type ValidateFn = (bytes: Uint8Array) =>
  | { readonly ok: true }
  | { readonly ok: false; readonly error: ValidationError };

/** What this stage requires of a command's module. */
export type Expectation = 'ok' | 'malformed' | 'invalid';

/**
 * `pass` / `fail`: the command was checked. `text-format`: a text-format test (a `.wat`
 * module), which a binary decoder cannot apply. `run-time`: checked by a later stage.
 */
export type Verdict = 'pass' | 'fail' | 'text-format' | 'run-time';

export interface CommandResult {
  readonly loc: string;
  readonly type: CommandType;
  readonly verdict: Verdict;
  /** Absent for commands this stage does not check. */
  readonly expected?: Expectation;
  /** The message the spec expects (the command's `text`), for the report. */
  readonly specText?: string;
  /** What the validator said: `ok`, `invalid at 0x1a: ...`, `crash: ...`. */
  readonly got?: string;
  /** Why a failing command failed, e.g. `expected invalid ("type mismatch"), got ok`. */
  readonly reason?: string;
}

export interface FileResult {
  readonly name: string;
  readonly conversionError?: string;
  readonly results: readonly CommandResult[];
}

export function checkFile(file: WastFile, validate: ValidateFn): FileResult {
  const results = file.commands.map((cmd) => checkCommand(cmd, validate));
  return file.conversionError !== undefined
    ? { name: file.name, conversionError: file.conversionError, results }
    : { name: file.name, results };
}

/** The requirement of this stage for a command, or why it has none. */
export function expectationOf(cmd: WastCommand): Expectation | 'text-format' | 'run-time' {
  switch (cmd.type) {
    case 'module':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return isText(cmd) ? 'text-format' : 'ok';
    case 'assert_malformed':
      return isText(cmd) ? 'text-format' : 'malformed';
    case 'assert_invalid':
      return isText(cmd) ? 'text-format' : 'invalid';
    default:
      return 'run-time';
  }
}

export function checkCommand(cmd: WastCommand, validate: ValidateFn): CommandResult {
  const base = {
    loc: cmd.loc,
    type: cmd.type,
    ...(cmd.text !== undefined ? { specText: cmd.text } : {}),
  };
  const expected = expectationOf(cmd);
  if (expected === 'text-format' || expected === 'run-time') return { ...base, verdict: expected };

  const wanted = cmd.text !== undefined && expected !== 'ok' ? `${expected} (${JSON.stringify(cmd.text)})` : expected;
  if (cmd.bytes === undefined) {
    const reason = `expected ${wanted}, but the command has no module file`;
    return { ...base, verdict: 'fail', expected, got: 'no module', reason };
  }
  const { kind, got } = runValidator(validate, cmd.bytes);
  if (kind === expected) return { ...base, verdict: 'pass', expected, got };
  return { ...base, verdict: 'fail', expected, got, reason: `expected ${wanted}, got ${got}` };
}

/** The validator's answer as one of the expectations (or 'crash') plus a description. */
function runValidator(validate: ValidateFn, bytes: Uint8Array): { kind: Expectation | 'crash'; got: string } {
  let result: ReturnType<ValidateFn>;
  try {
    result = validate(bytes);
  } catch (e) {
    return { kind: 'crash', got: `crash: ${describeThrown(e)}` };
  }
  if (result.ok) return { kind: 'ok', got: 'ok' };
  const err = result.error;
  if (err.kind !== 'malformed' && err.kind !== 'invalid') {
    return { kind: 'crash', got: `crash: error of unknown kind ${JSON.stringify(err.kind)}: ${err.reason}` };
  }
  const func = err.funcIndex !== undefined ? ` (func ${err.funcIndex})` : '';
  return { kind: err.kind, got: `${err.kind} at 0x${err.offset.toString(16)}${func}: ${err.reason}` };
}

/** `Name: message (at <first stack frame>)`, enough to find the throwing line. */
function describeThrown(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const frame = e.stack?.split('\n').find((l) => l.trimStart().startsWith('at '))?.trim();
  return `${e.name}: ${e.message}${frame !== undefined ? ` (${frame})` : ''}`;
}

function isText(cmd: WastCommand): boolean {
  return cmd.module_type !== undefined ? cmd.module_type === 'text' : cmd.filename?.endsWith('.wat') === true;
}
