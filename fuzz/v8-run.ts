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

export function runInV8(bytes: Uint8Array, steps: readonly PlanStep[]): Transcript {
  const lines: string[] = [];
  const log = (type: string) => (v: unknown) => void lines.push(`log ${formatValue(type, v)}`);
  const imports = {
    'fuzzing-support': { 'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64') },
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
