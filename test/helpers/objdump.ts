/**
 * The system disassembler (GNU objdump from binutils) as an independent reference for the
 * x86-64 encoder: raw bytes in, one line per instruction out, in Intel syntax.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DisasmLine {
  offset: number;
  /** The instruction's bytes as objdump groups them: lowercase hex pairs joined by spaces. */
  hex: string;
  /** Mnemonic and operands, whitespace collapsed, without objdump's `# address` comments. */
  text: string;
}

/** Disassemble `code` as 64-bit x86 in Intel syntax, instruction by instruction. */
export function objdump(code: Uint8Array): DisasmLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'w2o-objdump-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, code);
    const r = spawnSync(
      'objdump',
      ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', '--insn-width=16', file],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) throw new Error(`objdump failed: ${r.stderr}`);
    const lines: DisasmLine[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$/.exec(line);
      if (!m) continue;
      lines.push({ offset: parseInt(m[1]!, 16), hex: m[2]!, text: normalize(m[3]!) });
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function normalize(text: string): string {
  return text.replace(/#.*$/, '').replace(/\s+/g, ' ').trim();
}
