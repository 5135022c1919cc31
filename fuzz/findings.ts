/**
 * Findings on disk: one folder per finding under fuzz/findings/ (or --findings DIR) with
 * the input as found, the minimized reproducer and a report that says how to replay it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FindingRecord {
  /** `differential-<seed>-<i>`, `hostile-<seed>-<i>`, ... : unique within a run. */
  readonly id: string;
  readonly summary: string;
  readonly detail: string;
  readonly original: Uint8Array;
  readonly minimized: Uint8Array | undefined;
  /** The file name the inputs get (`module.wasm`, `input.bin`). */
  readonly fileName: string;
  readonly replay: string;
}

export function writeFinding(root: string, f: FindingRecord): string {
  const dir = join(root, f.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `original-${f.fileName}`), f.original);
  if (f.minimized !== undefined) writeFileSync(join(dir, f.fileName), f.minimized);
  const replayFile = join(dir, f.minimized !== undefined ? f.fileName : `original-${f.fileName}`);
  writeFileSync(
    join(dir, 'report.txt'),
    `${f.summary}\n\n${f.detail}\n\n` +
      `original: ${f.original.length} bytes; minimized: ${f.minimized !== undefined ? `${f.minimized.length} bytes` : 'not minimized'}\n` +
      `replay: ${f.replay.replace('{}', replayFile)}\n`,
  );
  return dir;
}
