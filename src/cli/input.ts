/**
 * Reading an input module, with the failure turned into a one-line reason a user can act
 * on (no stack traces for a missing file or a directory).
 */
import fs from 'node:fs';

/**
 * How `-` (standard input) travels through argument parsing, which drops a lone `-`.
 * A NUL byte cannot occur in a path, so this never names a file.
 */
export const STDIN_ARG = '\0-';

/** The name to show for an input argument. */
export function displayName(arg: string): string {
  return arg === STDIN_ARG ? '-' : arg;
}

export type Input = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export function readInput(path: string): Input {
  try {
    if (path === STDIN_ARG) return { ok: true, bytes: new Uint8Array(fs.readFileSync(0)) };
    const stat = fs.statSync(path);
    if (stat.isDirectory()) return { ok: false, reason: 'cannot read: is a directory' };
    return { ok: true, bytes: new Uint8Array(fs.readFileSync(path)) };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${describeFsError(err)}` };
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ERR_FS_FILE_TOO_LARGE': return 'file too large';
    default: return err instanceof Error ? err.message : String(err);
  }
}
