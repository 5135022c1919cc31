/**
 * The proof that the `.eh_frame` is right: the unwind test object (three functions of
 * generated code, test/fixtures-unwind/program.ts) linked by the system C compiler with
 * test/fixtures-unwind/main.c, without a linker message, and run. Its innermost function
 * calls back into C, where glibc's `backtrace` (libgcc's unwinder, which reads the FDEs
 * through `.eh_frame_hdr`) must walk through every generated frame back to `main`, the
 * frame of w_mid included, whose call sits between its two epilogues. Without the
 * `.eh_frame` the walk must stop at the first generated frame, so the check can fail.
 * Then the functions run single-stepped, and the unwinder must get from every one of
 * their instructions back to main, as a sampling profiler's would: this is what proves the
 * rules inside prologues and epilogues. gdb, which unwinds by the same tables, must show
 * the same stack.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeElf } from '../src/obj-elf/index.js';
import { makeTempDir, quietTool, tool } from './fixtures-elf/tools.js';
import { buildProgramObject, type ProgramFunction } from './fixtures-unwind/program.js';
import { requireTools } from './fixtures-unwind/tools.js';

const mainC = join(import.meta.dirname, 'fixtures-unwind', 'main.c');
let tmp: ReturnType<typeof makeTempDir>;

beforeAll(() => {
  requireTools('cc', 'nm', 'gdb');
  tmp = makeTempDir('unwind-run');
});

afterAll(() => tmp?.remove());

interface Linked {
  exe: string;
  functions: ProgramFunction[];
  /** The program's function symbols with their link-time addresses and sizes, from nm. */
  symbols: { name: string; start: number; size: number }[];
}

/** Writes the object, links it with main.c (any compiler or linker message fails) and reads its symbols. */
function link(name: string, opts: Parameters<typeof buildProgramObject>[0]): Linked {
  const built = buildProgramObject(opts);
  const obj = join(tmp.dir, `${name}.o`);
  writeFileSync(obj, writeElf(built.obj));
  const exe = join(tmp.dir, name);
  quietTool('cc', ['-Wall', '-g', '-Wl,--fatal-warnings', mainC, obj, '-o', exe]);
  const symbols = [];
  for (const line of quietTool('nm', ['-S', exe]).split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) [Tt] (\S+)$/.exec(line);
    if (m) symbols.push({ name: m[3]!, start: parseInt(m[1]!, 16), size: parseInt(m[2]!, 16) });
  }
  return { exe, functions: built.program.functions, symbols };
}

/**
 * Runs the program and names the frames `backtrace` recorded in cfunc: `symbol+0xoffset`
 * for the return address in a function of the program, `?` elsewhere (libc). main.c
 * prints each address relative to main; main's link-time address turns it into one.
 */
function backtraceOf(program: Linked): string[] {
  const out = runProgram(program);
  return [...out.matchAll(/^frame (-?\d+)$/gm)].map((m) => symbolize(program, Number(m[1]), true));
}

function runProgram(program: Linked): string {
  const r = tool(program.exe, []);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /^outer 153\n(frame -?\d+\n)+mid0 -1\nstepping outer\n(step .*\n)+stepped outer 153\nstepping mid0\n(step .*\n)+stepped mid0 -1\n$/,
  );
  return r.stdout;
}

/**
 * `symbol+0xoffset` for an address of the program given relative to main, `?` outside
 * it (libc). A return address may be one past its call's function (a call that does not
 * return), so it is looked up as such; an interrupted pc is exact.
 */
function symbolize(program: Linked, relToMain: number, returnAddress: boolean): string {
  const main = program.symbols.find((s) => s.name === 'main')!;
  const pc = main.start + relToMain;
  const s = returnAddress
    ? program.symbols.find((f) => f.start < pc && pc <= f.start + f.size)
    : program.symbols.find((f) => f.start <= pc && pc < f.start + f.size);
  return s === undefined ? '?' : `${s.name}+0x${(pc - s.start).toString(16)}`;
}

interface Step {
  /** The interrupted instruction. */
  pc: string;
  /** The stack from the interrupted instruction on, up to main (C functions without their offset). */
  stack: string[];
}

/** The single-stepped run that follows `stepping <name>` in the output. */
function steps(program: Linked, out: string, name: string): Step[] {
  const section = out.slice(out.indexOf(`stepping ${name}\n`), out.indexOf(`stepped ${name} `));
  return [...section.matchAll(/^step (-?\d+):((?: -?\d+)*)$/gm)].map((m) => {
    const pc = Number(m[1]);
    const frames = m[2]!.trim().split(' ').map(Number);
    // backtrace() starts in the handler and the signal trampoline; then comes the interrupted pc.
    const from = frames.indexOf(pc);
    const names = from < 0 ? [] : [symbolize(program, pc, false), ...frames.slice(from + 1).map((f) => symbolize(program, f, true))];
    const main = names.findIndex((f) => f.startsWith('main+'));
    return {
      pc: symbolize(program, pc, false),
      stack: names.slice(0, main < 0 ? undefined : main + 1).map((f) => f.replace(/^(quiet|stepped|main)\+.*/, '$1')),
    };
  });
}

/** `gdb -batch` with the given commands; returns the output, in which each stop starts a block. */
function gdb(exe: string, commands: string[]): string {
  const r = tool('gdb', ['-nx', '-batch', ...commands.flatMap((c) => ['-ex', c]), exe]);
  if (r.status !== 0) throw new Error(`gdb exited ${r.status}:\n${r.stderr}${r.stdout}`);
  expect(r.stderr).not.toMatch(/Backtrace stopped|previous frame|corrupt/i);
  return r.stdout;
}

/** The function names of each `bt` in gdb's output, one list per `Breakpoint N, ...` stop. */
function gdbStacks(out: string): string[][] {
  return out
    .split(/^Breakpoint \d+, /m)
    .slice(1)
    .map((stop) => [...stop.matchAll(/^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \(/gm)].map((m) => m[2]!));
}

describe('generated frames, unwound at run time', () => {
  let program: Linked;
  beforeAll(() => {
    program = link('with-eh-frame', { ehFrame: true });
  });

  test('the return addresses the walk must find are right after each call', () => {
    // By hand from the code (see unwind-readelf.test.ts): call rdi ends at w_leaf+0xa,
    // call w_leaf at w_mid+0x1f (after w_mid's first ret at +0x19), call w_mid at w_outer+0x1a.
    expect(program.functions.map((f) => [f.name, f.returnSites, f.rets])).toEqual([
      ['w_leaf', [0xa], [0x11]],
      ['w_mid', [0x1f], [0x19, 0x26]],
      ['w_outer', [0x1a], [0x25]],
    ]);
  });

  test('backtrace() walks from C through every generated frame back to main', () => {
    const frames = backtraceOf(program);
    expect(frames.slice(0, 5).map((f) => f.replace(/^(cfunc|main)\+.*/, '$1'))).toEqual([
      'cfunc',
      'w_leaf+0xa',
      'w_mid+0x1f',
      'w_outer+0x1a',
      'main',
    ]);
  });

  test('the same with pc_begin relative to .text instead of each function symbol', () => {
    const frames = backtraceOf(link('text-anchored', { ehFrame: true, anchor: 'text' }));
    expect(frames.slice(1, 5)).toEqual(['w_leaf+0xa', 'w_mid+0x1f', 'w_outer+0x1a', expect.stringMatching(/^main\+/)]);
  });

  test('without the .eh_frame the walk stops at the first generated frame', () => {
    const frames = backtraceOf(link('without-eh-frame', { ehFrame: false }));
    expect(frames.map((f) => f.replace(/^cfunc\+.*/, 'cfunc'))).toEqual(['cfunc', 'w_leaf+0xa']);
  });

  test('from every instruction of the generated code, the unwinder gets back to main', () => {
    const out = runProgram(program);
    const generated = (list: Step[]) => list.filter((s) => /^(w_|quiet)/.test(s.pc));
    const outer = generated(steps(program, out, 'outer'));
    const mid0 = generated(steps(program, out, 'mid0'));
    // What each stack must be, by where the interrupted instruction is.
    const callers: Record<string, string[]> = {
      quiet: ['w_leaf+0xa', 'w_mid+0x1f', 'w_outer+0x1a', 'stepped', 'main'],
      w_leaf: ['w_mid+0x1f', 'w_outer+0x1a', 'stepped', 'main'],
      w_mid: ['w_outer+0x1a', 'stepped', 'main'],
      w_outer: ['stepped', 'main'],
    };
    for (const step of outer) {
      const fn = step.pc.split('+')[0]!;
      expect(step.stack, `stepped at ${step.pc}`).toEqual([fn === 'quiet' ? 'quiet' : step.pc, ...callers[fn]!]);
    }
    for (const step of mid0) expect(step.stack, `stepped at ${step.pc}`).toEqual([step.pc, 'stepped', 'main']);
    // Every instruction was stepped on (the offsets of the listing in unwind-readelf.test.ts).
    const offsets = (fn: string) =>
      [...new Set([...outer, ...mid0].filter((s) => s.pc.startsWith(`${fn}+`)).map((s) => parseInt(s.pc.split('+')[1]!, 16)))]
        .sort((a, b) => a - b)
        .map((n) => n.toString(16));
    expect(offsets('w_leaf')).toEqual(['0', '1', '4', '8', 'a', 'd', '10', '11']);
    expect(offsets('w_mid')).toEqual(['0', '1', '4', '8', 'a', '10', '15', '18', '19', '1a', '1f', '22', '25', '26']);
    expect(offsets('w_outer')).toEqual(['0', '1', '4', '5', '7', 'a', 'd', '10', '15', '1a', '1d', '21', '23', '24', '25']);
  });

  test('gdb shows the frames down to main, from C and from inside an epilogue', () => {
    const out = gdb(program.exe, [
      'break cfunc',
      // w_outer after `pop r12`, before `pop rbx`: r12 has its caller's value, rbx is still saved.
      'break *w_outer+0x23',
      'run',
      'bt',
      'continue',
      'bt',
      'info frame',
      'kill',
    ]);
    expect(gdbStacks(out)).toEqual([
      ['cfunc', 'w_leaf', 'w_mid', 'w_outer', 'main'],
      ['w_outer', 'main'],
    ]);
    const saved = /Saved registers:\n\s*(.*)\n/.exec(out)![1]!;
    expect(saved.split(', ').map((s) => s.split(' ')[0])).toEqual(['rbx', 'rbp', 'rip']);
  });
});
