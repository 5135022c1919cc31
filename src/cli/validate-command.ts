/**
 * `wasm2obj validate FILE...`: one line per file, in order, as each is checked, so that
 * thousands of files stream through one process without holding more than one in memory.
 */
import { displayName, readInput } from './input.js';
import { formatWasmError, validateModule } from '../translate/index.js';

export interface ValidateOptions {
  quiet: boolean;
}

export function runValidate(files: readonly string[], options: ValidateOptions): number {
  let ok = 0;
  let rejected = 0;
  let internal = 0;
  for (const arg of files) {
    const file = displayName(arg);
    const input = readInput(arg);
    if (!input.ok) {
      rejected++;
      process.stdout.write(`${file}: error: ${input.reason}\n`);
      continue;
    }
    let line: string;
    try {
      const result = validateModule(input.bytes);
      if (result.ok) {
        ok++;
        if (options.quiet) continue;
        line = `${file}: ok`;
      } else {
        rejected++;
        line = formatWasmError(file, result.error);
      }
    } catch (err) {
      // Not the input's fault: a bug in wasm2obj. Say so, and go on with the next file.
      internal++;
      line = `${file}: internal error: ${err instanceof Error ? err.message : String(err)}`;
    }
    process.stdout.write(`${line}\n`);
  }
  if (files.length > 1) {
    const parts = [`${ok} valid`, `${rejected} rejected`];
    if (internal > 0) parts.push(`${internal} internal errors`);
    process.stderr.write(`wasm2obj validate: ${files.length} files: ${parts.join(', ')}\n`);
  }
  if (internal > 0) return 2;
  return rejected > 0 ? 1 : 0;
}
