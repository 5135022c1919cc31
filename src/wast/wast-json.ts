/**
 * The WebAssembly spec test suite as plain data.
 *
 * Each `.wast` script is converted by wabt's `wast2json`, which writes a JSON list of
 * commands and every module of the script as its own file: `NAME.N.wasm` for binary
 * modules, `NAME.N.wat` for the `module quote` text of text-format assert_malformed
 * tests. The conversions run a few at a time into a fresh temporary directory; the
 * commands and the module bytes are read back into memory and the directory is removed.
 * Every stage's harness (validation in test/spec, compile and run in src/wast) then works
 * from the same `WastFile` data without touching wast2json's output again.
 *
 * Field names follow wast2json's JSON (`module_type`, `lane_type`, ...) so that its format
 * stays the documentation. A conversion is clean only when wast2json exits with status 0
 * AND prints nothing: wabt 1.0.32 exits 0 after reporting errors in a top-level module.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CommandType =
  | 'module'
  | 'register'
  | 'action'
  | 'assert_return'
  | 'assert_trap'
  | 'assert_exhaustion'
  | 'assert_exception'
  | 'assert_malformed'
  | 'assert_invalid'
  | 'assert_unlinkable'
  | 'assert_uninstantiable';

const COMMAND_TYPES: ReadonlySet<string> = new Set<CommandType>([
  'module', 'register', 'action', 'assert_return', 'assert_trap', 'assert_exhaustion',
  'assert_exception', 'assert_malformed', 'assert_invalid', 'assert_unlinkable',
  'assert_uninstantiable',
]);

/**
 * An argument or expected result. `value` is a decimal string (floats as their bit
 * pattern), `nan:canonical` / `nan:arithmetic`, `null` for references, or one string per
 * lane for v128. Expected results of assert_trap and action carry only a type.
 */
export interface WastValue {
  readonly type: string;
  readonly lane_type?: string;
  readonly value?: string | readonly string[];
}

export interface WastAction {
  readonly type: 'invoke' | 'get';
  /** `$name` of the module acted on; the most recent module when absent. */
  readonly module?: string;
  readonly field: string;
  readonly args: readonly WastValue[];
}

export interface WastCommand {
  readonly type: CommandType;
  /** Line of the command in the `.wast` file. */
  readonly line: number;
  /** `file.wast:line`, with `#k` (1-based) added when several commands share the line. */
  readonly loc: string;
  /** `$name` given to a module, or of the module a `register` refers to. */
  readonly name?: string;
  /** Registration name of a `register`. */
  readonly as?: string;
  /** Module file written by wast2json (`.wasm` or `.wat`). */
  readonly filename?: string;
  readonly module_type?: 'binary' | 'text';
  /** Contents of `filename`. */
  readonly bytes?: Uint8Array;
  /** The message the spec expects (assert_* commands). */
  readonly text?: string;
  readonly action?: WastAction;
  readonly expected?: readonly WastValue[];
}

export interface WastFile {
  /** File name, e.g. `binary.wast`. */
  readonly name: string;
  readonly path: string;
  /** Set when wast2json failed, printed something, or wrote unreadable output. */
  readonly conversionError?: string;
  readonly commands: readonly WastCommand[];
}

export interface ConvertOptions {
  /** Conversions running at once (default: 2 to 4, by core count). */
  readonly jobs?: number;
  /** Extra wast2json flags, e.g. `--enable-memory64` for a proposal folder. */
  readonly flags?: readonly string[];
}

/** Nearest directory above this module holding package.json (works from src and dist). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (no package.json above src/wast)');
    dir = parent;
  }
  return dir;
}

/** The suite folder: $W2O_SPEC_DIR, else `<repo>/../shared/spec-testsuite`. */
export function specSuiteDir(): string {
  const dir = resolve(process.env['W2O_SPEC_DIR'] ?? join(repoRoot(), '..', 'shared', 'spec-testsuite'));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`spec test suite not found at ${dir} (set W2O_SPEC_DIR to the folder holding the .wast files)`);
  }
  return dir;
}

/** The `.wast` files directly in `dir` (not in subfolders such as proposals/), sorted. */
export function listWastFiles(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.wast'))
    .map((e) => e.name)
    .sort();
  if (names.length === 0) throw new Error(`no .wast files in ${dir}`);
  return names.map((n) => join(dir, n));
}

/** The wast2json program: $W2O_WAST2JSON, else `wast2json` on PATH. */
export function wast2jsonCommand(): string {
  return process.env['W2O_WAST2JSON'] ?? 'wast2json';
}

/** Version string of wast2json; throws a clear error when it cannot be run. */
export function wast2jsonVersion(): string {
  const tool = wast2jsonCommand();
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error !== undefined ? r.error.message : `exit status ${r.status}`;
    throw new Error(`cannot run ${tool} (${why}); install wabt or set W2O_WAST2JSON`);
  }
  return r.stdout.trim();
}

/** Converts every script, `jobs` at a time; the result is in the order of `paths`. */
export async function convertWastFiles(paths: readonly string[], options: ConvertOptions = {}): Promise<WastFile[]> {
  wast2jsonVersion();
  const jobs = options.jobs ?? Math.min(4, Math.max(2, availableParallelism()));
  const flags = options.flags ?? [];
  const root = mkdtempSync(join(tmpdir(), 'w2o-spec-'));
  try {
    // One subfolder per script, so scripts of the same name from different folders cannot clash.
    return await mapPool(paths, jobs, (path, i) => convertOne(path, join(root, String(i)), flags));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Converts one script into a temporary folder of its own, removed before this returns.
 * A script that wast2json rejects comes back with `conversionError` set; a missing
 * wast2json throws.
 */
export async function convertWastFile(path: string, options: Pick<ConvertOptions, 'flags'> = {}): Promise<WastFile> {
  const root = await mkdtemp(join(tmpdir(), 'w2o-wast-'));
  try {
    return await convertOne(path, join(root, 'json'), options.flags ?? []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The whole top-level suite. */
export async function loadSpecSuite(options: ConvertOptions = {}): Promise<WastFile[]> {
  return convertWastFiles(listWastFiles(specSuiteDir()), options);
}

async function convertOne(path: string, outDir: string, flags: readonly string[]): Promise<WastFile> {
  const name = basename(path);
  const fail = (conversionError: string): WastFile => ({ name, path, conversionError, commands: [] });
  await mkdir(outDir);
  const jsonPath = join(outDir, basename(path, '.wast') + '.json');
  const r = await run(wast2jsonCommand(), [...flags, path, '-o', jsonPath]);
  if (r.status !== 0 || r.stderr !== '') {
    const how = r.status !== null ? `exit status ${r.status}` : `signal ${r.signal}`;
    const said = r.stderr.trim();
    return fail(`wast2json ${how}${said !== '' ? `:\n${said}` : ', with no output'}`);
  }
  try {
    return { name, path, commands: await readCommands(jsonPath, name) };
  } catch (e) {
    return fail(`cannot read wast2json output: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readCommands(jsonPath: string, wastName: string): Promise<WastCommand[]> {
  // wast2json 1.0.32 leaves out the commas between the expected values of an assert_trap
  // on a function with several results (`[{"type": "i32"}{"type": "i64"}]`).
  const text = (await readFile(jsonPath, 'utf8')).replace(/\}\{"type"/g, '},{"type"');
  const json: unknown = JSON.parse(text);
  const list = isRecord(json) ? json['commands'] : undefined;
  if (!Array.isArray(list)) throw new Error(`${jsonPath}: no "commands" array`);
  const perLine = new Map<number, number>();
  for (const raw of list) {
    const line = isRecord(raw) ? raw['line'] : undefined;
    if (typeof line === 'number') perLine.set(line, (perLine.get(line) ?? 0) + 1);
  }
  const seen = new Map<number, number>();
  const commands: WastCommand[] = [];
  for (const raw of list) {
    const cmd = parseCommand(raw, jsonPath);
    const k = (seen.get(cmd.line) ?? 0) + 1;
    seen.set(cmd.line, k);
    const loc = perLine.get(cmd.line)! > 1 ? `${wastName}:${cmd.line}#${k}` : `${wastName}:${cmd.line}`;
    const bytes = cmd.filename !== undefined
      ? new Uint8Array(await readFile(join(dirname(jsonPath), cmd.filename)))
      : undefined;
    commands.push({ ...cmd, loc, ...(bytes !== undefined ? { bytes } : {}) });
  }
  return commands;
}

type ParsedCommand = Omit<WastCommand, 'loc' | 'bytes'>;

/** Copies the fields wast2json writes, checking their types; unknown fields are dropped. */
function parseCommand(raw: unknown, where: string): ParsedCommand {
  if (!isRecord(raw)) throw new Error(`${where}: a command is not an object`);
  const type = raw['type'];
  const line = raw['line'];
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type)) throw new Error(`${where}: unknown command type ${JSON.stringify(type)}`);
  if (typeof line !== 'number') throw new Error(`${where}: ${type} without a line number`);
  const at = `${where}: ${type} at line ${line}`;
  const cmd: { -readonly [K in keyof ParsedCommand]: ParsedCommand[K] } = { type: type as CommandType, line };
  const name = optString(raw, 'name', at);
  const as = optString(raw, 'as', at);
  const filename = optString(raw, 'filename', at);
  const text = optString(raw, 'text', at);
  const moduleType = optString(raw, 'module_type', at);
  if (name !== undefined) cmd.name = name;
  if (as !== undefined) cmd.as = as;
  if (filename !== undefined) cmd.filename = filename;
  if (text !== undefined) cmd.text = text;
  if (moduleType !== undefined) {
    if (moduleType !== 'binary' && moduleType !== 'text') throw new Error(`${at}: module_type ${JSON.stringify(moduleType)}`);
    cmd.module_type = moduleType;
  }
  if (raw['action'] !== undefined) cmd.action = parseAction(raw['action'], at);
  if (raw['expected'] !== undefined) cmd.expected = parseValues(raw['expected'], at);
  return cmd;
}

function parseAction(raw: unknown, at: string): WastAction {
  if (!isRecord(raw)) throw new Error(`${at}: action is not an object`);
  const type = raw['type'];
  const field = raw['field'];
  if (type !== 'invoke' && type !== 'get') throw new Error(`${at}: action type ${JSON.stringify(type)}`);
  if (typeof field !== 'string') throw new Error(`${at}: action without a field`);
  const module = optString(raw, 'module', at);
  const args = raw['args'] !== undefined ? parseValues(raw['args'], at) : [];
  return module !== undefined ? { type, module, field, args } : { type, field, args };
}

function parseValues(raw: unknown, at: string): WastValue[] {
  if (!Array.isArray(raw)) throw new Error(`${at}: values are not an array`);
  return raw.map((v: unknown): WastValue => {
    if (!isRecord(v) || typeof v['type'] !== 'string') throw new Error(`${at}: value without a type`);
    const value = v['value'];
    const laneType = optString(v, 'lane_type', at);
    const out: { type: string; lane_type?: string; value?: string | string[] } = { type: v['type'] };
    if (laneType !== undefined) out.lane_type = laneType;
    if (typeof value === 'string') out.value = value;
    else if (Array.isArray(value) && value.every((x) => typeof x === 'string')) out.value = value as string[];
    else if (value !== undefined) throw new Error(`${at}: value of unexpected shape ${JSON.stringify(value)}`);
    return out;
  });
}

function optString(obj: Record<string, unknown>, key: string, at: string): string | undefined {
  const v = obj[key];
  if (v === undefined || typeof v === 'string') return v;
  throw new Error(`${at}: "${key}" is not a string`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface RunResult {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

/** Runs a program, collecting stderr (stdout is dropped); a failure to start rejects. */
function run(program: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal, stderr }));
  });
}

/** `fn` over `items` with at most `jobs` calls pending; results keep the input order. */
async function mapPool<T, R>(items: readonly T[], jobs: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return out;
}
