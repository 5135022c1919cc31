/**
 * The system tools the obj-elf tests read objects back with (binutils, the C compiler),
 * and parsers for the readelf tables they compare.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tool(cmd: string, args: readonly string[], cwd?: string): ToolResult {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a tool that must succeed and print nothing on stderr; returns its stdout. */
export function quietTool(cmd: string, args: readonly string[], cwd?: string): string {
  const r = tool(cmd, args, cwd);
  if (r.status !== 0 || r.stderr !== '') {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

export function makeTempDir(tag: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `w2o-${tag}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SectionRow {
  index: number;
  name: string;
  type: string;
  offset: number;
  size: number;
  entsize: number;
  flags: string;
  link: number;
  info: number;
  align: number;
}

/** The rows of `readelf -S -W`. */
export function parseSections(text: string): SectionRow[] {
  const rows: SectionRow[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\[\s*(\d+)\]\s(.*)$/.exec(line);
    if (!m) continue;
    const t = m[2]!.trim().split(/\s+/);
    // The address is the first 16-digit field; the name before the type may be empty.
    const a = t.findIndex((f) => /^[0-9a-f]{16}$/.test(f));
    const rest = t.slice(a + 4);
    const hex = (s: string) => parseInt(s, 16);
    rows.push({
      index: Number(m[1]),
      name: a === 2 ? t[0]! : '',
      type: t[a - 1]!,
      offset: hex(t[a + 1]!),
      size: hex(t[a + 2]!),
      entsize: hex(t[a + 3]!),
      flags: rest.length === 4 ? rest[0]! : '',
      link: Number(rest[rest.length - 3]),
      info: Number(rest[rest.length - 2]),
      align: Number(rest[rest.length - 1]),
    });
  }
  return rows;
}

export interface SymbolRow {
  index: number;
  value: number;
  size: number;
  type: string;
  bind: string;
  vis: string;
  ndx: string;
  name: string;
}

/** The rows of `readelf -s -W` (one symbol table). */
export function parseSymbols(text: string): SymbolRow[] {
  const rows: SymbolRow[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+): ([0-9a-f]{16})\s+(\d+)\s+(\w+)\s+(\w+)\s+(\w+)\s+(\w+)\s?(.*)$/.exec(line);
    if (!m) continue;
    rows.push({
      index: Number(m[1]),
      value: parseInt(m[2]!, 16),
      size: Number(m[3]),
      type: m[4]!,
      bind: m[5]!,
      vis: m[6]!,
      ndx: m[7]!,
      name: m[8]!,
    });
  }
  return rows;
}

export interface RelocationRow {
  section: string;
  offset: number;
  type: string;
  symbol: string;
  addend: number;
}

/** The entries of `readelf -r -W`, each with the relocation section it is in. */
export function parseRelocations(text: string): RelocationRow[] {
  const rows: RelocationRow[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const head = /^Relocation section '([^']+)'/.exec(line);
    if (head) {
      section = head[1]!;
      continue;
    }
    const m = /^([0-9a-f]{16})\s+[0-9a-f]{16}\s+(R_X86_64_\w+)\s+[0-9a-f]{16}\s+(\S+)\s+([+-])\s+([0-9a-f]+)$/.exec(line);
    if (!m) continue;
    rows.push({
      section,
      offset: parseInt(m[1]!, 16),
      type: m[2]!,
      symbol: m[3]!,
      addend: (m[4] === '-' ? -1 : 1) * parseInt(m[5]!, 16),
    });
  }
  return rows;
}
