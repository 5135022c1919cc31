/** What the report says about the machine and the tools. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { resolveTargetCpu } from '../../src/cli/target-cpu.js';

export interface MachineInfo {
  cpu: string;
  logicalCores: number;
  memoryGiB: number;
  os: string;
  node: string;
  gcc: string;
  wabt: string;
}

/** The CPU's model name. */
export function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** Whether this machine runs x86-64-v3 code (what `--target-cpu native` would pick). */
export function machineHasV3(): boolean {
  try {
    return resolveTargetCpu('native') >= 3;
  } catch {
    return false;
  }
}

/** The first line a tool prints for `args`, or what went wrong. */
function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return `not found (${cmd})`;
  return (r.stdout || r.stderr).split('\n')[0]!.trim();
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpuModel(),
    logicalCores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: `node ${process.version} (V8 ${process.versions.v8})`,
    gcc: firstLine('gcc', ['--version']),
    wabt: `wabt ${firstLine('wasm2c', ['--version'])}`,
  };
}

/** Today on this machine, YYYY-MM-DD. */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
