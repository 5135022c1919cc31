/**
 * The `wast` command as the command line declares it; the work is in wast-command.ts,
 * loaded only when the command runs (every command starts faster for it).
 */
import { availableParallelism } from 'node:os';
import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import type { CpuLevel } from '../abi/cpu.js';
import { DEFAULT_TARGET_CPU, TARGET_CPU_CHOICES, TargetCpuError, resolveTargetCpu } from './target-cpu.js';

interface WastArgs {
  files: string[];
  jobs: number;
  'known-failures': string | undefined;
  verbose: boolean;
  timeout: number;
  'bounds-checks': boolean;
  'target-cpu': string;
}

export const wastCommand: CommandModule<object, WastArgs> = {
  command: 'wast <files..>',
  describe: 'Run WebAssembly spec scripts (.wast) through the whole pipeline',
  builder: (y: Argv<object>) =>
    y
      .positional('files', { describe: 'spec scripts', type: 'string', array: true, demandOption: true })
      .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'scripts run at once' })
      .option('known-failures', { type: 'string', describe: 'list of expected failures (FILE.wast:LINE: reason)' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'print every failure' })
      .option('timeout', { type: 'number', default: 10, describe: 'seconds one command may run before its host is killed' })
      .option('bounds-checks', { type: 'boolean', default: false, describe: 'compile with explicit bounds checks instead of guard pages' })
      .option('target-cpu', { type: 'string', default: DEFAULT_TARGET_CPU, describe: `compile for this x86-64 level: ${TARGET_CPU_CHOICES.join(', ')}` })
      .epilogue(
        'Needs wast2json (wabt) on PATH and the spec host runtime/build/w2o-spec-host (npm run build).\n' +
          'Prints `FILE: N passed, M failed[, K not applicable]` per script and a total; text-format\n' +
          'assert_malformed tests are not applicable to a binary compiler. Exits 1 when a command fails\n' +
          'that --known-failures does not list, or when a listed one passes.',
      ) as unknown as Argv<WastArgs>,
  handler: async (args: ArgumentsCamelCase<WastArgs>) => {
    let cpuLevel: CpuLevel;
    try {
      cpuLevel = resolveTargetCpu(args['target-cpu']);
    } catch (e) {
      if (!(e instanceof TargetCpuError)) throw e;
      process.stderr.write(`wasm2obj wast: error: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    const { runWast } = await import('./wast-command.js');
    process.exitCode = await runWast({
      files: args.files,
      jobs: args.jobs,
      knownFailures: args['known-failures'],
      verbose: args.verbose,
      timeout: args.timeout,
      boundsChecks: args['bounds-checks'],
      cpuLevel,
    });
  },
};
