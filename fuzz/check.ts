/**
 * One differential check: a module and its plan, run by V8 and by every configuration of
 * ours (native-run.ts), transcripts compared (compare.ts). Shared by the fuzzer, `replay`,
 * the minimizer's interestingness test and the regression tests.
 */
import { decodeModule, WasmError } from '../src/translate/index.js';
import { compareTranscripts } from './compare.js';
import { CONFIGS, runNative, type Config } from './native-run.js';
import { planForModule, type PlanStep } from './plan.js';
import type { TimedWorker } from './worker.js';

/** What a check can find. `kind` is coarse on purpose: the minimizer keeps it fixed. */
export interface Finding {
  readonly kind: 'mismatch' | 'compile-error' | 'host-failure';
  readonly config: string;
  readonly detail: string;
}

export type CheckResult =
  | { readonly status: 'agree'; readonly calls: number }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'finding'; readonly finding: Finding };

export interface CheckContext {
  readonly dir: string;
  readonly v8: TimedWorker;
  readonly configs?: readonly Config[];
  readonly timeoutMs?: number;
}

/** The plan of a -ttf module (plan.ts); skipped when it has nothing to call or V8 cannot decode it. */
export function planOf(bytes: Uint8Array): PlanStep[] | string {
  try {
    return planForModule(decodeModule(bytes)) ?? 'nothing to call';
  } catch (e) {
    if (e instanceof WasmError) return `does not decode: ${e.reason}`;
    throw e;
  }
}

export async function checkModule(bytes: Uint8Array, steps: readonly PlanStep[], ctx: CheckContext): Promise<CheckResult> {
  const timeoutMs = ctx.timeoutMs ?? 20_000;
  const v8Run = ctx.v8.run({ type: 'v8', bytes, steps }, timeoutMs);
  const ours = [];
  // Ours run while V8 works in its worker thread.
  for (const config of ctx.configs ?? CONFIGS) ours.push({ config, outcome: await runNative(bytes, steps, ctx.dir, config, timeoutMs) });
  const v8 = await v8Run;
  if (!v8.ok) return { status: 'skipped', reason: `V8 ${v8.reason}: ${v8.detail}` };
  const v8Transcript = v8.value;
  if (v8Transcript.lines[0]?.startsWith('instantiate-error other')) return { status: 'skipped', reason: 'V8 rejects the module' };
  for (const { config, outcome } of ours) {
    if (!outcome.ok) {
      const kind = outcome.stage === 'compile' ? 'compile-error' : 'host-failure';
      return { status: 'finding', finding: { kind, config: config.name, detail: outcome.detail } };
    }
    const diff = compareTranscripts(outcome.transcript, v8Transcript, steps);
    if (diff !== undefined) return { status: 'finding', finding: { kind: 'mismatch', config: config.name, detail: diff } };
  }
  return { status: 'agree', calls: steps.filter((s) => s.kind === 'call').length };
}
