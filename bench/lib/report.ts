/** The Markdown report of `npm run bench`. bench/README.md says how to read it. */
import { COMPILE_ENGINES, RUN_ENGINES, type CompileEngineId, type RunEngineId } from './engines.js';
import { isGood, type BenchResults, type EngineCompile, type EngineRun, type KernelResult } from './results.js';
import { geomean, stats, type Stats } from './stats.js';

/** Milliseconds with three significant digits or so. */
export function fmtMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toPrecision(2);
}

const fmtStats = (s: Stats) => (s.n === 1 ? fmtMs(s.median) : `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)})`);
const msStats = (ns: readonly number[]) => stats(ns.map((n) => n / 1e6));
const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtRate = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));
const fmtRatio = (r: number) => (r >= 10 ? r.toFixed(1) : r.toFixed(2));
const fmtMB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

const runLabel = (id: RunEngineId) => RUN_ENGINES.find((e) => e.id === id)!.label;

/** A run-time cell that is not a number: why. */
function runProblem(r: EngineRun | undefined): string | undefined {
  if (r === undefined) return '–';
  if (r.skipped !== undefined) return 'n/a';
  if (r.error !== undefined) return '**failed**';
  if (r.wrong !== undefined) return '**✗ wrong checksum**';
  return undefined;
}

function checksumCell(k: KernelResult): string {
  if (k.referenceError !== undefined) return '**native build failed**';
  if (k.kernel.expected === undefined) return `${k.reference} (not in checksums.txt)`;
  if (k.reference !== k.kernel.expected) return `**✗ native ${k.reference} ≠ checksums.txt ${k.kernel.expected}**`;
  return 'ok';
}

/**
 * The ratios to native, and their geomeans. A geomean is only comparable with another over
 * the same kernels, so the first geomean row takes the kernels that every column ran and
 * got right (a kernel with an n/a, failed or wrong cell in any column is left out of every
 * column); when some column ran more, a second row gives each column's geomean over all of
 * its own kernels, with their number.
 */
function ratioTable(res: BenchResults, others: readonly RunEngineId[], lines: string[]): void {
  const engines = res.runEngines;
  // wasm2obj's own peer: V8's baseline tier.
  const peer = engines.includes('wasm2obj') && engines.includes('v8-liftoff');
  const peerLabel = `${runLabel('wasm2obj')} / ${runLabel('v8-liftoff')}`;
  const median = (r: EngineRun) => stats(r.samples.map((s) => s.callNs)).median;
  const columns = others.length + (peer ? 1 : 0);

  // Per kernel, per column: the ratio, or why there is none.
  const rows = res.kernels.map((k) => {
    const native = k.runs.get('native');
    const nativeNs = isGood(native) ? median(native) : undefined;
    const cells: (number | string)[] = others.map((e) => {
      const r = k.runs.get(e);
      const problem = runProblem(r);
      if (problem !== undefined) return problem;
      if (nativeNs === undefined) return 'no reference';
      return median(r!) / nativeNs;
    });
    if (peer) {
      const [a, b] = [k.runs.get('wasm2obj'), k.runs.get('v8-liftoff')];
      cells.push(isGood(a) && isGood(b) ? median(a) / median(b) : a?.skipped !== undefined || b?.skipped !== undefined ? 'n/a' : '–');
    }
    return { name: k.kernel.name, cells };
  });
  const common = rows.filter((row) => row.cells.every((c) => typeof c === 'number'));
  const own = (col: number) => rows.map((row) => row.cells[col]).filter((c): c is number => typeof c === 'number');
  const partial = Array.from({ length: columns }, (_, col) => own(col).length !== common.length).some((x) => x);

  lines.push('### Ratio to native', '');
  lines.push(
    "Median time over native's median time: 1.00 is as fast as gcc -O2, 3.00 three times slower. " +
      `The geomean row is over the ${common.length} kernel${common.length === 1 ? '' : 's'} that every column ran and got right, ` +
      'so that its columns compare' +
      (partial
        ? '; the row below it is each column\'s geomean over all the kernels it ran and got right (their number in parentheses), ' +
          'which includes the kernels some other column has no number for (n/a, failed or wrong)'
        : '') +
      (peer ? '. The last column divides wasm2obj by its counterpart, V8\'s baseline tier: below 1.00 wasm2obj is faster.' : '.'),
    '',
  );
  lines.push(`| kernel | ${others.map(runLabel).join(' | ')} |${peer ? ` ${peerLabel} |` : ''}`);
  lines.push(`|---|${others.map(() => '--:').join('|')}|${peer ? '--:|' : ''}`);
  for (const row of rows) lines.push(`| ${row.name} | ${row.cells.map((c) => (typeof c === 'number' ? fmtRatio(c) : c)).join(' | ')} |`);
  const commonCells = Array.from({ length: columns }, (_, col) => {
    const g = geomean(common.map((row) => row.cells[col] as number));
    return g === undefined ? '–' : `**${fmtRatio(g)}**`;
  });
  lines.push(`| **geomean** (${common.length} kernel${common.length === 1 ? '' : 's'}, every column) | ${commonCells.join(' | ')} |`);
  if (partial) {
    const ownCells = Array.from({ length: columns }, (_, col) => {
      const list = own(col);
      const g = geomean(list);
      return g === undefined ? '–' : `${fmtRatio(g)} (${list.length})`;
    });
    lines.push(`| geomean (each column's kernels) | ${ownCells.join(' | ')} |`);
  }
  lines.push('');
}

function runTables(res: BenchResults, lines: string[]): void {
  const engines = res.runEngines;
  const others = engines.filter((e) => e !== 'native');
  const n = res.options.runs;
  lines.push('## Run time', '');
  lines.push(
    `bench_run's own time, measured by the program itself around the one call (bench-main.c reads CLOCK_MONOTONIC, ` +
      `natively or through WASI's clock_time_get), so start-up, instantiation and compilation before the call are outside ` +
      `it for every engine alike; ms, median (min–max) of ${n} run${n > 1 ? 's' : ''}, each a fresh process` +
      `${res.options.warmup ? ', after one untimed run of each' : ''}. ` +
      "*checksum*: the native build's result against checksums.txt; every engine must print the same, " +
      'or its cell says **✗ wrong checksum** and the kernel leaves the geomeans. *n/a*: the engine does not run that ' +
        'kernel, for the reason given below the table.',
    '',
  );
  lines.push(`| kernel | code bytes | checksum | ${engines.map(runLabel).join(' | ')} |`);
  lines.push(`|---|--:|---|${engines.map(() => '--:').join('|')}|`);
  for (const k of res.kernels) {
    const cells = engines.map((e) => runProblem(k.runs.get(e)) ?? fmtStats(msStats(k.runs.get(e)!.samples.map((s) => s.callNs))));
    lines.push(`| ${k.kernel.name} | ${fmtInt(k.codeBytes)} | ${checksumCell(k)} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  // Why a cell says n/a: per engine and reason, the kernels.
  const skipped = new Map<string, string[]>();
  for (const k of res.kernels) {
    for (const e of engines) {
      const why = k.runs.get(e)?.skipped;
      if (why === undefined) continue;
      const key = `${runLabel(e)}\u0000${why}`;
      skipped.set(key, [...(skipped.get(key) ?? []), k.kernel.name]);
    }
  }
  for (const [key, names] of skipped) {
    const [label, why] = key.split('\u0000');
    lines.push(`*n/a*: ${label} on ${names.join(', ')}: ${why}.`, '');
  }

  if (others.length > 0 && engines.includes('native')) ratioTable(res, others, lines);

  lines.push('### Whole process', '');
  lines.push(
    'Fork to exit, ms, median: what `time ./program` would say. Start-up and instantiation are in it, for V8 ' +
      `node's start-up${res.nodeStartup ? ` (${fmtMs(res.nodeStartup.median)} ms alone, \`node -e 0\`)` : ''} ` +
      "and the compilation of the module, for wasm2obj run node's start-up, the CLI's and the cache look-up: " +
      'read it for the short kernels with that in mind (`npm run bench:startup` measures start-up alone).',
    '',
  );
  lines.push(`| kernel | ${engines.map(runLabel).join(' | ')} |`);
  lines.push(`|---|${engines.map(() => '--:').join('|')}|`);
  for (const k of res.kernels) {
    const cells = engines.map((e) => runProblem(k.runs.get(e)) ?? fmtMs(stats(k.runs.get(e)!.samples.map((s) => s.wallNs)).median / 1e6));
    lines.push(`| ${k.kernel.name} | ${cells.join(' | ')} |`);
  }
  lines.push('');
}

function compileCell(r: EngineCompile | undefined, f: (r: EngineCompile) => string): string {
  if (r === undefined) return '–';
  if (r.skipped !== undefined) return 'not run';
  if (r.error !== undefined || r.samples.length === 0) return '**failed**';
  return f(r);
}

function compileTables(res: BenchResults, lines: string[]): void {
  const ids: CompileEngineId[] = COMPILE_ENGINES.map((e) => e.id);
  const label = (id: CompileEngineId) => COMPILE_ENGINES.find((e) => e.id === id)!.label(res.env);
  const header = `| module | ${ids.map(label).join(' | ')} |`;
  const rule = `|---|${ids.map(() => '--:').join('|')}|`;
  const modules = res.compile;
  const n = res.options.runs;

  lines.push('## Compile time', '');
  lines.push(
    `ms, median (min–max) of ${n} run${n > 1 ? 's' : ''}, each in a fresh process (a measurement that takes over 20 s ` +
      'is taken once). How each is measured:',
    '',
  );
  for (const e of COMPILE_ENGINES) lines.push(`- **${e.label(res.env)}**: ${e.description(res.env)}`);
  lines.push(
    '',
    `The in-process times leave node's start-up out${res.nodeStartup ? ` (${fmtMs(res.nodeStartup.median)} ms, \`node -e 0\`)` : ''}; ` +
      "the wasm2obj ones include warming up the compiler's JIT, which a real compile pays too.",
    '',
  );
  lines.push(header, rule);
  for (const m of modules) {
    const cells = ids.map((id) =>
      compileCell(m.results.get(id), (r) => {
        const cell = fmtStats(msStats(r.samples.map((s) => s.ns)));
        const parts = r.samples[0]!.parts;
        if (parts === undefined) return cell;
        const names = Object.keys(parts);
        return `${cell} = ${names.map((p) => `${p} ${fmtMs(stats(r.samples.map((s) => s.parts![p]!)).median / 1e6)}`).join(' + ')}`;
      }),
    );
    lines.push(`| ${m.name} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  for (const m of modules) {
    for (const [id, r] of m.results) {
      if (r.skipped !== undefined) lines.push(`*Not run*: ${label(id)} on ${m.name}: ${r.skipped}.`, '');
    }
  }

  lines.push('### Compile throughput', '');
  lines.push('MB of code section (the function bodies, 1 MB = 10^6 bytes) per second, from the median times above.', '');
  lines.push(`| module | code section bytes | ${ids.map(label).join(' | ')} |`);
  lines.push(`|---|--:|${ids.map(() => '--:').join('|')}|`);
  for (const m of modules) {
    const cells = ids.map((id) => compileCell(m.results.get(id), (r) => fmtRate(m.codeBytes / 1e6 / (stats(r.samples.map((s) => s.ns)).median / 1e9))));
    lines.push(`| ${m.name} | ${fmtInt(m.codeBytes)} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  lines.push('### Compiler memory and CPU', '');
  lines.push(
    'Peak resident set size of the compiling process, MiB (wait4\'s ru_maxrss; for wasm2c + gcc the larger of the two), ' +
      'and its CPU time over its wall time (about the number of cores kept busy), medians. ' +
      `A node process starts at ${res.nodeStartupRss !== undefined ? `${fmtMB(res.nodeStartupRss)} MiB` : 'node\'s own RSS'} (\`node -e 0\`).`,
    '',
  );
  lines.push(header, rule);
  for (const m of modules) {
    const cells = ids.map((id) =>
      compileCell(m.results.get(id), (r) => {
        const rss = stats(r.samples.map((s) => s.maxRss)).median;
        const cores = stats(r.samples.map((s) => s.cpuNs / s.processNs)).median;
        return `${fmtMB(rss)} MiB · ${cores.toFixed(1)}×`;
      }),
    );
    lines.push(`| ${m.name} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  lines.push('### Object size', '');
  lines.push(
    'The object against the module: file size, and the size of its executable sections (.text) over the code section\'s. ' +
      'wasm2obj: the object of the CLI run; wasm2c + gcc -O2: the module\'s object alone (no runtime, no main).',
    '',
  );
  lines.push('| module | wasm bytes | code section bytes | wasm2obj .o | wasm2obj .text | .text / code | wasm2c+gcc .o | wasm2c+gcc .text | .text / code |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const m of modules) {
    const size = (id: CompileEngineId) => {
      const r = m.results.get(id);
      if (r?.skipped !== undefined) return ['not run', 'not run', 'not run'];
      const o = r && r.error === undefined ? r.samples[0]?.output : undefined;
      return o === undefined ? ['–', '–', '–'] : [fmtInt(o.file), fmtInt(o.code), `${(o.code / m.codeBytes).toFixed(2)}×`];
    };
    lines.push(`| ${m.name} | ${fmtInt(m.wasmBytes)} | ${fmtInt(m.codeBytes)} | ${size('wasm2obj-cli').join(' | ')} | ${size('wasm2c-gcc').join(' | ')} |`);
  }
  lines.push('');
}

function problemLines(res: BenchResults): string[] {
  const out = [...res.problems];
  for (const k of res.kernels) {
    if (k.referenceError !== undefined) out.push(`${k.kernel.name}: the native build: ${k.referenceError}`);
    else if (k.kernel.expected !== undefined && k.reference !== k.kernel.expected) {
      out.push(`${k.kernel.name}: the native build prints ${k.reference}, checksums.txt says ${k.kernel.expected}`);
    }
    for (const [id, r] of k.runs) {
      if (r.error !== undefined) out.push(`${k.kernel.name} on ${runLabel(id)}: ${r.error}`);
      if (r.wrong !== undefined) out.push(`${k.kernel.name} on ${runLabel(id)}: ${r.wrong}`);
    }
  }
  for (const m of res.compile) {
    for (const [id, r] of m.results) {
      const e = COMPILE_ENGINES.find((c) => c.id === id)!;
      if (r.error !== undefined) out.push(`compiling ${m.name} with ${e.label(res.env)}: ${r.error}`);
    }
  }
  return out;
}

export function renderReport(res: BenchResults): string {
  const m = res.machine;
  const lines: string[] = [];
  lines.push(`# wasm2obj against native, wasm2c and V8, ${res.date}`, '');
  lines.push(`- CPU: ${m.cpu}, ${m.logicalCores} logical cores, ${m.memoryGiB.toFixed(1)} GiB; ${m.os}`);
  lines.push(`- ${m.node}; ${m.gcc}; ${m.wabt}`);
  lines.push(
    `- ${res.options.runs} timed run${res.options.runs > 1 ? 's' : ''} per measurement${res.options.quick ? ' (--quick)' : ''}; ` +
      `wasm2obj -j${res.env.jobs} is -jN (the number of cores)`,
  );
  if (res.nodeStartup) {
    lines.push(`- node's fixed start-up (\`node -e 0\`, whole process): ${fmtStats(res.nodeStartup)} ms, peak RSS ${fmtMB(res.nodeStartupRss ?? 0)} MiB`);
  }
  lines.push('- Engines:');
  for (const id of res.runEngines) {
    const e = RUN_ENGINES.find((x) => x.id === id)!;
    lines.push(`  - **${e.label}**: ${e.description}`);
  }
  for (const why of res.unavailableEngines) lines.push(`  - not run, no column: ${why}`);
  lines.push('');
  if (res.kernels.length > 0) runTables(res, lines);
  if (res.compile.length > 0) compileTables(res, lines);
  const problems = problemLines(res);
  if (problems.length > 0) {
    lines.push('## Problems', '');
    for (const p of problems) lines.push(`- ${p.replace(/\n/g, ' ⏎ ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
