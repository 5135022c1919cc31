/** The data and the Markdown report of `npm run bench:startup` (bench/startup.ts). */
import type { MachineInfo } from './machine.js';
import type { Command } from './proc.js';
import { fmtMs } from './report.js';
import { quantile, stats } from './stats.js';

export type StartupEngineId = 'run' | 'build' | 'node-wasi' | 'native' | 'node' | 'runner';

export interface StartupEngine {
  id: StartupEngineId;
  /** Row header. */
  label: string;
  /** What it is, one line. */
  what: string;
  command: Command;
  /** Exactly what it must print on stdout. */
  expect: string;
}

export interface StartupSample {
  /** Fork to exit. */
  wallNs: number;
  /** User + system CPU time, all threads. */
  cpuNs: number;
  /** Peak resident set size, bytes. */
  maxRss: number;
}

export interface StartupRun {
  samples: StartupSample[];
  /** A run failed or printed something else: why (the engine stops there). */
  error?: string;
}

export interface StartupResults {
  date: string;
  machine: MachineInfo;
  /** `wasm2obj --version`. */
  wasm2obj: string;
  /** Timed rounds, and untimed ones before them. */
  rounds: number;
  warmup: number;
  engines: StartupEngine[];
  runs: Map<StartupEngineId, StartupRun>;
  /** Steps of a cached run timed inside the CLI (node-child.ts startup-parts), ns per run. */
  parts?: { importNs: number[]; keyNs: number[]; runNs: number[] };
  /** What `wasm2obj run -v` said, and anything else worth a line. */
  notes: string[];
}

const median = (r: StartupRun | undefined, f: (s: StartupSample) => number) =>
  r === undefined || r.error !== undefined || r.samples.length === 0 ? undefined : stats(r.samples.map(f)).median;
const wallMs = (s: StartupSample) => s.wallNs / 1e6;
const fmtRatio = (r: number) => (r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2));

function partsTable(parts: NonNullable<StartupResults['parts']>, beyondNode: number, lines: string[]): void {
  const med = (ns: number[]) => stats(ns).median / 1e6;
  const steps: [string, number][] = [
    ["loading the run command's modules (`src/cli/run-command.js` and its imports)", med(parts.importNs)],
    ["the cache key (a SHA-256 of the module, the settings and the compiler's identity)", med(parts.keyNs)],
    ['spawning `w2o-run` on the object and waiting for it to exit', med(parts.runNs)],
  ];
  const sum = steps.reduce((a, [, ms]) => a + ms, 0);
  lines.push(
    `Inside the CLI: three of its steps timed from within (\`performance.now()\`, lib/node-child.ts startup-parts), ` +
      `median of ${parts.importNs.length} fresh node processes. What \`wasm2obj run\` takes beyond \`node -e 0\` ` +
      `(${fmtMs(beyondNode)} ms) less their sum is the rest: loading main.js and parsing the command line, reading ` +
      'the module, looking for the entry, exiting.',
    '',
  );
  lines.push('| step | ms |', '|---|--:|');
  for (const [step, ms] of steps) lines.push(`| ${step} | ${fmtMs(ms)} |`);
  lines.push(`| sum | ${fmtMs(sum)} |`, '');
}

export function renderStartupReport(res: StartupResults): string {
  const m = res.machine;
  const lines: string[] = [];
  lines.push(`# Start-up of a WASI hello-world, by engine, ${res.date}`, '');
  lines.push(`- CPU: ${m.cpu}, ${m.logicalCores} logical cores, ${m.memoryGiB.toFixed(1)} GiB; ${m.os}`);
  lines.push(`- ${m.node}; ${m.gcc}; wasm2obj ${res.wasm2obj}`);
  lines.push(
    `- bench/startup/hello.wasm (hello.c, one printf, wasm32-wasi); ${res.rounds} timed round${res.rounds > 1 ? 's' : ''} ` +
      `after ${res.warmup} untimed, each running every engine once in a rotating order; every run a whole process, fork to exit`,
  );
  lines.push('');

  const reference = median(res.runs.get('node-wasi'), wallMs);
  lines.push(
    '| engine | what | median ms | quartiles | min–max | CPU ms | peak RSS MiB | / node:wasi |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  );
  for (const e of res.engines) {
    const r = res.runs.get(e.id)!;
    if (r.error !== undefined || r.samples.length === 0) {
      lines.push(`| ${e.label} | ${e.what} | **failed** | | | | | |`);
      continue;
    }
    const ms = r.samples.map(wallMs);
    const s = stats(ms);
    const cpu = median(r, (x) => x.cpuNs / 1e6)!;
    const rss = median(r, (x) => x.maxRss / 2 ** 20)!;
    const ratio = reference === undefined ? '–' : `${fmtRatio(s.median / reference)}×`;
    lines.push(
      `| ${e.label} | ${e.what} | **${fmtMs(s.median)}** | ${fmtMs(quantile(ms, 0.25))}–${fmtMs(quantile(ms, 0.75))} | ` +
        `${fmtMs(s.min)}–${fmtMs(s.max)} | ${fmtMs(cpu)} | ${rss.toFixed(1)} | ${ratio} |`,
    );
  }
  lines.push('');

  const total = median(res.runs.get('run'), wallMs);
  const node = median(res.runs.get('node'), wallMs);
  const runner = median(res.runs.get('runner'), wallMs);
  if (total !== undefined && node !== undefined && runner !== undefined) {
    lines.push("## Where `wasm2obj run`'s time goes", '');
    lines.push(
      'From the medians above: node starting, the runner on the cached object, and the difference, which is the ' +
        "CLI's own JavaScript (loading its modules, parsing the command line, computing the cache key, finding the " +
        'object) and starting the runner as a child process.',
      '',
    );
    lines.push('| part | ms | share |', '|---|--:|--:|');
    const rest = total - node - runner;
    for (const [part, ms] of [
      ["node's start-up (`node -e 0`)", node],
      ['the runner alone (`w2o-run OBJECT.o`)', runner],
      ["the rest: the CLI's JavaScript, the cache look-up, spawning the runner", rest],
    ] as const) {
      lines.push(`| ${part} | ${fmtMs(ms)} | ${((100 * ms) / total).toFixed(0)}% |`);
    }
    lines.push(`| **\`wasm2obj run\`** | **${fmtMs(total)}** | |`, '');
    if (res.parts !== undefined) partsTable(res.parts, total - node, lines);
    if (rest < 0) lines.push('The rest comes out negative: the spread of the measurements is larger than it. Take more runs on a quieter machine.', '');
  }

  const problems = res.engines.filter((e) => res.runs.get(e.id)!.error !== undefined);
  if (res.notes.length > 0 || problems.length > 0) {
    lines.push('## Notes', '');
    for (const n of res.notes) lines.push(`- ${n}`);
    for (const e of problems) lines.push(`- **${e.label} failed**: ${res.runs.get(e.id)!.error!.replace(/\n/g, ' ⏎ ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
