/**
 * The V8 side of the differential fuzzer: follows a plan (plan.ts) with Node's own
 * WebAssembly engine and prints the transcript fuzz-host.c would print for the same events.
 * Runs in a worker thread (v8-worker.ts) so that a module that never returns can be stopped.
 */
import { hexName, type PlanStep, type ValueText } from './plan.js';

export interface Transcript {
  readonly lines: string[];
  /** The bytes of the plan's memory, when it reads one. */
  readonly memory: Uint8Array | undefined;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

export function formatValue(type: string, v: unknown): ValueText {
  switch (type) {
    case 'i32':
      return `i32:${(v as number) | 0}`;
    case 'i64':
      return `i64:${BigInt.asIntN(64, v as bigint)}`;
    case 'f32':
      if (Number.isNaN(v)) return 'f32:nan';
      f32[0] = v as number;
      return `f32:0x${u32[0]!.toString(16).padStart(8, '0')}`;
    case 'f64':
      if (Number.isNaN(v)) return 'f64:nan';
      f64[0] = v as number;
      return `f64:0x${u64[0]!.toString(16).padStart(16, '0')}`;
    default:
      return `${type}:?`;
  }
}

function parseValue(text: ValueText): number | bigint {
  const [type, body] = text.split(':') as [string, string];
  switch (type) {
    case 'i32':
      return Number(body);
    case 'i64':
      return BigInt(body);
    case 'f32':
      u32[0] = parseInt(body, 16);
      return f32[0]!;
    case 'f64':
      u64[0] = BigInt('0x' + body);
      return f64[0]!;
    default:
      throw new Error(`bad value ${text}`);
  }
}

/** V8's trap messages (Node 20) by the category compare.ts knows them by. */
const V8_TRAPS: [RegExp, string][] = [
  [/^unreachable/, 'unreachable'],
  [/memory access out of bounds|data segment.*out of bounds|operation does not fit/, 'memory'],
  [/table index is out of bounds|table access|element segment.*out of bounds|out of bounds table/, 'table'],
  [/signature mismatch|null function/, 'indirect-call'],
  [/divide by zero|remainder by zero/, 'divide-by-zero'],
  [/divide result unrepresentable/, 'integer-overflow'],
  [/float unrepresentable|unrepresentable in integer range/, 'conversion'],
  [/Maximum call stack size exceeded/, 'stack'],
  [/dereferencing a null pointer/, 'null-reference'],
];

export function v8TrapCategory(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const isTrap = e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/.test(message));
  if (isTrap) for (const [re, c] of V8_TRAPS) if (re.test(message)) return c;
  return `unexpected ${e instanceof Error ? e.name : 'throw'}: ${message}`;
}

/**
 * JavaScript cannot take a v128, so log-v128 is a wasm function that hands the four i32
 * lanes to JavaScript: (func (param v128) local.get 0 i32x4.extract_lane 0 ... 3, call log4).
 */
const LOG_V128_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: (i32 i32 i32 i32) -> (), (v128) -> ()
  0x01, 0x0c, 0x02, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, 0x60, 0x01, 0x7b, 0x00,
  // import "env" "log4" (func (type 0))
  0x02, 0x0c, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x04, 0x6c, 0x6f, 0x67, 0x34, 0x00, 0x00,
  // function 1 of type 1, exported as "log-v128"
  0x03, 0x02, 0x01, 0x01,
  0x07, 0x0c, 0x01, 0x08, 0x6c, 0x6f, 0x67, 0x2d, 0x76, 0x31, 0x32, 0x38, 0x00, 0x01,
  // body: 4 × (local.get 0, i32x4.extract_lane k), call 0, end
  0x0a, 0x1a, 0x01, 0x18, 0x00,
  0x20, 0x00, 0xfd, 0x1b, 0x00, 0x20, 0x00, 0xfd, 0x1b, 0x01, 0x20, 0x00, 0xfd, 0x1b, 0x02, 0x20, 0x00, 0xfd, 0x1b, 0x03,
  0x10, 0x00, 0x0b,
]);

export function runInV8(bytes: Uint8Array, steps: readonly PlanStep[]): Transcript {
  const lines: string[] = [];
  const log = (type: string) => (v: unknown) => void lines.push(`log ${formatValue(type, v)}`);
  const lane = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
  const log4 = (a: number, b: number, c: number, d: number): void => void lines.push(`log v128:${lane(a)}_${lane(b)}_${lane(c)}_${lane(d)}`);
  const logV128 = new WebAssembly.Instance(new WebAssembly.Module(LOG_V128_MODULE), { env: { log4 } }).exports['log-v128'];
  const imports = {
    'fuzzing-support': { 'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'), 'log-v128': logV128 },
  };
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), imports);
  } catch (e) {
    const c = v8TrapCategory(e);
    lines.push(e instanceof WebAssembly.LinkError ? 'instantiate-error link' : c.startsWith('unexpected') ? 'instantiate-error other' : `instantiate-error trap ${c}`);
    return { lines, memory: undefined };
  }
  const exports = instance.exports as Record<string, unknown>;
  let memory: Uint8Array | undefined;
  for (const p of steps) {
    if (p.kind === 'call') {
      lines.push(`call ${p.id}`);
      try {
        const r = (exports[p.name] as (...a: unknown[]) => unknown)(...p.args.map(parseValue));
        const values = p.results.length === 1 ? [r] : p.results.length === 0 ? [] : (r as unknown[]);
        lines.push(['return', ...p.results.map((t, i) => formatValue(t, values[i]))].join(' '));
      } catch (e) {
        lines.push(`trap ${v8TrapCategory(e)}`);
      }
    } else if (p.kind === 'global') {
      lines.push(`global ${hexName(p.name)} ${formatValue(p.type, (exports[p.name] as WebAssembly.Global).value)}`);
    } else {
      const buffer = (exports[p.name] as WebAssembly.Memory).buffer;
      memory = new Uint8Array(buffer.slice(0));
      lines.push(`memory ${hexName(p.name)} ${memory.length}`);
    }
  }
  return { lines, memory };
}
