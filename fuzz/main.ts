/**
 * `npm run fuzz -- [differential|hostile|all] [--seconds N] [--seed S]`: the fuzzers,
 * and the commands that replay what they find.
 *
 *   differential    wasm-opt -ttf modules and boundary-value modules, ours against V8
 *   hostile         mutated modules and bad command lines against the decoder, validator,
 *                   compiler and CLI
 *   all             both, one after the other, each for --seconds
 *   replay F.wasm           the differential check of one module, transcripts shown
 *   replay-hostile F.wasm   the hostile-input check of one input
 *   interesting F.wasm      (for wasm-reduce) prints the kind of finding F has, or `boring`
 *
 * Exit status: 0 when nothing was found, 1 on any finding (written under --findings,
 * default fuzz/findings/), 2 on a usage error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { repoRoot } from '../src/wast/wast-json.js';
import { checkModule, planOf } from './check.js';
import { compareTranscripts, normalizeOurLine } from './compare.js';
import { runDifferential, type RunOptions, type RunSummary } from './differential.js';
import { checkMutant, runHostile } from './hostile.js';
import { CONFIGS, runNative } from './native-run.js';
import { TimedWorker } from './worker.js';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

function printSummary(name: string, s: RunSummary, seconds: number): void {
  out(`${name}: ${s.executions} executions (${s.calls} export calls compared, ${s.skipped} skipped, ${s.nanExcused} differing only in NaN payloads) in ${seconds.toFixed(0)} s, ${s.findings.length} findings`);
  for (const f of s.findings) out(`  ${f}`);
  for (const e of s.harnessErrors) out(`  fuzzer error: ${e}`);
}

async function fuzz(which: string, o: RunOptions): Promise<number> {
  let found = 0;
  out(`fuzz ${which}: seed ${o.seed}, ${o.seconds} s each, findings to ${o.findingsDir}`);
  for (const [name, run] of [['differential', runDifferential], ['hostile', runHostile]] as const) {
    if (which !== 'all' && which !== name) continue;
    const t0 = Date.now();
    const s = await run(o);
    printSummary(name, s, (Date.now() - t0) / 1000);
    found += s.findings.length + s.harnessErrors.length;
  }
  return found > 0 ? 1 : 0;
}

async function replay(file: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  const steps = planOf(bytes);
  if (typeof steps === 'string') {
    out(`${file}: ${steps}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'w2o-replay-'));
  const v8 = new TimedWorker();
  try {
    const v = await v8.run({ type: 'v8', bytes, steps }, 60_000);
    if (!v.ok) {
      out(`V8: ${v.reason}: ${v.detail}`);
      return 1;
    }
    let status = 0;
    for (const config of CONFIGS) {
      const n = await runNative(bytes, steps, dir, config, 60_000);
      if (!n.ok) {
        out(`${config.name}: ${n.stage} failure: ${n.detail}`);
        status = 1;
        continue;
      }
      const diff = compareTranscripts(n.transcript, v.value, steps);
      out(`${config.name}: ${diff === undefined ? 'agrees with V8' : `differs: ${diff}`}`);
      if (diff !== undefined) {
        status = 1;
        out('  ours | V8');
        const a = n.transcript.lines.map(normalizeOurLine);
        for (let i = 0; i < Math.max(a.length, v.value.lines.length); i++) {
          const mark = a[i] === v.value.lines[i] ? ' ' : '!';
          out(`${mark} ${a[i] ?? ''} | ${v.value.lines[i] ?? ''}`);
        }
      }
    }
    return status;
  } finally {
    await v8.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function interesting(file: string, config: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  const steps = planOf(bytes);
  if (typeof steps === 'string') {
    out('boring');
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'w2o-reduce-'));
  const v8 = new TimedWorker();
  try {
    const r = await checkModule(bytes, steps, { dir, v8, configs: CONFIGS.filter((c) => c.name === config), timeoutMs: 10_000 });
    out(r.status === 'finding' ? `interesting ${r.finding.kind}` : 'boring');
    return 0;
  } finally {
    await v8.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function replayHostile(file: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'w2o-replay-'));
  const worker = new TimedWorker();
  try {
    const p = await checkMutant(worker, new Uint8Array(readFileSync(file)), dir, true, true);
    out(p.why === undefined ? `${file}: handled cleanly (${p.compiled ? 'compiled' : 'rejected'})` : `${file}: ${p.why}`);
    return p.why === undefined ? 0 : 1;
  } finally {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let status = 0;
  await yargs(hideBin(process.argv))
    .scriptName('npm run fuzz --')
    .usage('$0 [differential|hostile|all] [--seconds N] [--seed S]')
    .command(
      ['$0 [which]'],
      'run the fuzzers',
      (y) =>
        y
          .positional('which', { choices: ['differential', 'hostile', 'all'], default: 'all' })
          .option('seconds', { type: 'number', default: 60, describe: 'how long each fuzzer runs' })
          .option('seed', { type: 'number', default: 1, describe: 'the seed: the same seed runs the same inputs' })
          .option('findings', { type: 'string', default: join(repoRoot(), 'fuzz/findings'), describe: 'where findings are written' })
          .option('minimize-seconds', { type: 'number', default: 300, describe: 'time spent minimizing each finding (0: none)' }),
      async (a) => {
        status = await fuzz(a.which, {
          seconds: a.seconds, seed: a.seed >>> 0, findingsDir: a.findings, minimizeSeconds: a['minimize-seconds'], log: out,
        });
      },
    )
    .command('replay <file>', 'the differential check of one module, transcripts shown', (y) => y.positional('file', { type: 'string', demandOption: true }), async (a) => {
      status = await replay(a.file);
    })
    .command('replay-hostile <file>', 'the hostile-input check of one input', (y) => y.positional('file', { type: 'string', demandOption: true }), async (a) => {
      status = await replayHostile(a.file);
    })
    .command(
      'interesting <file>',
      'for wasm-reduce: the kind of finding the module has, or "boring"',
      (y) => y.positional('file', { type: 'string', demandOption: true }).option('config', { type: 'string', default: CONFIGS[0]!.name }),
      async (a) => {
        status = await interesting(a.file, a.config);
      },
    )
    .strict()
    .fail((msg, err) => {
      if (err !== undefined) throw err;
      process.stderr.write(`fuzz: ${msg}\n`);
      process.exit(2);
    })
    .help()
    .parseAsync();
  return status;
}

process.exitCode = await main();
