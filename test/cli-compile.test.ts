/**
 * `wasm2obj IN.wasm [-o] OUT.o` as a user meets it: the built CLI run as a separate process
 * (npm test builds first). Its outputs, exit codes and diagnostics; that an error never
 * leaves an output file (nor a temporary one) and never prints a stack trace; that the
 * object does not depend on the number of threads; and the end of the road: the object
 * and its header, linked by cc with a C program and the runtime library, run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { quietTool, tool } from './fixtures-elf/tools.js';
import { REPO, RUNTIME_INCLUDE } from './fixtures-runtime/build.js';
import { I32, I64, Kind, ModuleBuilder, Op, OpSimd, nameSectionPayload, uleb, v128Const } from './helpers/wasm-builder.js';

const cli = path.join(REPO, 'dist/src/cli/main.js');
const LIBW2O = path.join(REPO, 'runtime/build/libw2o.a');

function run(args: string[], opts: { cwd?: string; input?: Uint8Array } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: opts.cwd ?? REPO, input: opts.input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const file = (name: string) => path.join(dir, name);
/** The files in the test folder, to check that a failed run left nothing behind. */
const listing = () => fs.readdirSync(dir).sort();

/** add(a, b), fib(n) (recursive), swap(a, b) -> (b, a) with two results, and "a.b"() = 7. */
function sampleModule(): Uint8Array {
  const b = new ModuleBuilder();
  const tBin = b.addType([I32, I32], [I32]);
  const tUn = b.addType([I32], [I32]);
  const tSwap = b.addType([I32, I64], [I64, I32]);
  const tConst = b.addType([], [I32]);
  const add = b.addFunction(tBin, [Op.local_get, 0, Op.local_get, 1, Op.i32_add]);
  const fib = 1;
  b.addFunction(tUn, [
    ...[Op.local_get, 0, Op.i32_const, 2, Op.i32_lt_s, Op.if, I32],
    ...[Op.local_get, 0, Op.else],
    ...[Op.local_get, 0, Op.i32_const, 1, Op.i32_sub, Op.call, ...uleb(fib)],
    ...[Op.local_get, 0, Op.i32_const, 2, Op.i32_sub, Op.call, ...uleb(fib)],
    ...[Op.i32_add, Op.end],
  ]);
  const swap = b.addFunction(tSwap, [Op.local_get, 1, Op.local_get, 0]);
  const seven = b.addFunction(tConst, [Op.i32_const, 7]);
  b.addExport('add', Kind.Func, add).addExport('fib', Kind.Func, fib).addExport('swap', Kind.Func, swap).addExport('a.b', Kind.Func, seven);
  b.addCustom('name', nameSectionPayload({ functions: [[add, 'add'], [fib, 'fib'], [swap, 'swap']], locals: [[add, [[0, 'a'], [1, 'b']]]] }));
  return b.toBytes();
}

/** A SIMD function: lane 1 of an i32x4 constant. */
function simdModule(): Uint8Array {
  const b = new ModuleBuilder();
  const lanes = [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0];
  const f = b.addFunction(b.addType([], [I32]), [...v128Const(lanes), Op.prefix_simd, ...uleb(OpSimd.i32x4_extract_lane), 1]);
  b.addExport('lane1', Kind.Func, f);
  return b.toBytes();
}

/** Over 4 MiB of function bodies: from that size on the compiler shares the work out to worker threads. */
function bigModule(): Uint8Array {
  const b = new ModuleBuilder();
  const t = b.addType([I32], [I32]);
  const body: number[] = [Op.local_get, 0];
  for (let k = 0; k < 250; k++) body.push(Op.i32_const, ...uleb(k & 63), Op.i32_add, Op.local_get, 0, Op.i32_mul);
  for (let i = 0; i < 2900; i++) b.addFunction(t, body);
  b.addExport('f0', Kind.Func, 0);
  return b.toBytes();
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' first (npm test does)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm2obj-cli-compile-'));
  fs.writeFileSync(file('sample.wasm'), sampleModule());
  fs.writeFileSync(file('my-mod.wasm'), sampleModule());
  fs.writeFileSync(file('simd.wasm'), simdModule());
  fs.writeFileSync(file('garbage.wasm'), 'not wasm at all');
  const bad = new ModuleBuilder();
  bad.addFunction(bad.addType([], [I32]), [Op.i64_const, 7]);
  fs.writeFileSync(file('invalid.wasm'), bad.toBytes());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const noStackTrace = (r: { stdout: string; stderr: string }) => expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |Error:/);

describe('wasm2obj IN.wasm -o OUT.o', () => {
  test('writes the object, quietly, and exits 0', () => {
    const r = run([file('sample.wasm'), '-o', file('a.o')]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(file('a.o')).subarray(0, 4)).toEqual(ELF_MAGIC);
    expect(listing().filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const [cmd, args] of [['readelf', ['-a', '-W']], ['objdump', ['-d', '-w']]] as const) {
      const t = tool(cmd, [...args, file('a.o')]);
      expect(t.stderr, cmd).toBe('');
      expect(t.stdout, cmd).not.toMatch(/warning|\(bad\)/i);
    }
    expect(quietTool('readelf', ['-S', '-W', file('a.o')])).not.toContain('.rela.text');
  });

  test('the output may be given as the second positional argument, with the same result', () => {
    expect(run([file('sample.wasm'), file('b.o')]).code).toBe(0);
    expect(fs.readFileSync(file('b.o')).equals(fs.readFileSync(file('a.o')))).toBe(true);
  });

  test('without an output, IN.o in the current folder; the prefix comes from the file name, mangled', () => {
    expect(run([file('my-mod.wasm')], { cwd: dir }).code).toBe(0);
    const symbols = quietTool('nm', [file('my-mod.o')]);
    expect(symbols).toMatch(/ T my_x2d_mod_add$/m);
    expect(symbols).toMatch(/ T my_x2d_mod_a_x2e_b$/m);
    expect(symbols).toMatch(/ R my_x2d_mod_module$/m);
    expect(symbols).toMatch(/ T my_x2d_mod_text$/m);
    expect(symbols).toMatch(/ t my_x2d_mod\.fib$/m);
  });

  test('--prefix names every symbol', () => {
    expect(run([file('sample.wasm'), '-o', file('p.o'), '--prefix', 'calc']).code).toBe(0);
    const names = quietTool('nm', [file('p.o')]).trim().split('\n').map((l) => l.split(' ').pop()!);
    expect(names.every((n) => /^calc[._]/.test(n))).toBe(true);
    expect(names).toContain('calc_swap');
  });

  test('reads standard input with -', () => {
    const r = run(['-', '-o', file('stdin.o')], { input: sampleModule() });
    expect(r.code).toBe(0);
    expect(quietTool('nm', [file('stdin.o')])).toMatch(/ T stdin_add$/m);
  });

  test('--verbose reports the phases on standard error', () => {
    const r = run([file('sample.wasm'), '-o', file('v.o'), '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/decoded: 4 functions/);
    expect(r.stderr).toMatch(/compiled: /);
    expect(r.stderr).toMatch(/wrote .*v\.o/);
  });

  test('-O0 and --bounds-checks are accepted; bounds checks are recorded in the descriptor', () => {
    expect(run([file('sample.wasm'), '-O0', '-o', file('o0.o')]).code).toBe(0);
    expect(fs.readFileSync(file('o0.o')).equals(fs.readFileSync(file('a.o')))).toBe(true);
    expect(run([file('sample.wasm'), '--bounds-checks', '-o', file('bc.o')]).code).toBe(0);
    expect(fs.readFileSync(file('bc.o')).equals(fs.readFileSync(file('a.o')))).toBe(false);
  });

  test('the same object whatever the number of threads', { timeout: 60_000 }, () => {
    fs.writeFileSync(file('big.wasm'), bigModule());
    expect(run([file('big.wasm'), '-j', '1', '-o', file('big1.o')]).code).toBe(0);
    expect(run([file('big.wasm'), '-j', '4', '-o', file('big4.o')]).code).toBe(0);
    const one = fs.readFileSync(file('big1.o'));
    expect(one.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(fs.readFileSync(file('big4.o')).equals(one)).toBe(true);
  });
});

describe('errors: one line, exit 1, no output file, no stack trace', () => {
  const expectNoOutput = (before: string[]) => expect(listing()).toEqual(before);

  test('an unreadable input', () => {
    const before = listing();
    const r = run([file('missing.wasm'), '-o', file('x.o')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `${file('missing.wasm')}: error: cannot read: no such file\n` });
    expectNoOutput(before);
  });

  test('a malformed module', () => {
    const before = listing();
    const r = run([file('garbage.wasm'), '-o', file('x.o')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `${file('garbage.wasm')}:0x0: error: magic header not detected\n` });
    expectNoOutput(before);
  });

  test('an invalid function body, with the offset and the function', () => {
    const before = listing();
    const r = run([file('invalid.wasm'), '-o', file('x.o')]);
    expect(r.stderr).toMatch(new RegExp(`^${file('invalid.wasm')}:0x[0-9a-f]+: error: type mismatch .* \\(func 0\\)\\n$`));
    expect(r.code).toBe(1);
    noStackTrace(r);
    expectNoOutput(before);
  });

  test('SIMD compiles, for either CPU level', () => {
    for (const level of ['x86-64-v2', 'x86-64-v3']) {
      const r = run([file('simd.wasm'), '-o', file(`simd-${level}.o`), '--target-cpu', level]);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  test('an existing output is left as it was', () => {
    fs.writeFileSync(file('keep.o'), 'old');
    const r = run([file('invalid.wasm'), '-o', file('keep.o')]);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(file('keep.o'), 'utf8')).toBe('old');
  });

  test('an output that cannot be written', () => {
    const before = listing();
    const r = run([file('sample.wasm'), '-o', file('no-such-dir/x.o')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `wasm2obj: error: cannot write ${file('no-such-dir/x.o')}: no such directory\n` });
    expectNoOutput(before);
  });

  test('usage: optimization levels, prefixes, outputs, threads', () => {
    const before = listing();
    const usage = (args: string[], message: string | RegExp) => {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      noStackTrace(r);
    };
    const input = file('sample.wasm');
    const out = ['-o', file('x.o')];
    usage([input, ...out, '-O1'], /^wasm2obj: error: -O1 is not available yet: the baseline tier \(-O0\) is the only one so far\n$/);
    usage([input, ...out, '-O2'], /-O2 is not available yet/);
    usage([input, ...out, '-Os'], /-Os is not available yet/);
    usage([input, ...out, '-O'], /-O1 is not available yet/);
    usage([input, ...out, '-O7'], /unknown optimization level '-O7'/);
    usage([input, ...out, '--prefix', '9lives'], /--prefix '9lives' is not a C identifier/);
    usage([input, ...out, '--prefix', 'a.b'], /not a C identifier/);
    usage([input, ...out, '--prefix', 'w2o'], /would put symbols among the runtime's/);
    usage([input, file('y.o'), ...out], /two outputs given/);
    usage([input, '-o', input], /is the input/);
    usage([input, file('other.wasm')], /the output '.*other\.wasm' is named like a module/);
    usage(['valdate', input], /^wasm2obj: error: no command or file named 'valdate' \(the commands are build, run, cache, validate and wast; see --help\)\n$/);
    usage([input, ...out, '--header', file('x.o')], /the header and the object are both/);
    usage([input, ...out, '-j', '0'], /-j takes a number of threads/);
    usage(['-'], /name the output with -o/);
    usage([path.join(dir, '.wasm'), ...out], /no prefix can be made from the file name/);
    usage([], /^wasm2obj: error: no input module given\n/);
    usage([input, ...out, '--frobnicate'], /Unknown argument: frobnicate/);
    expectNoOutput(before);
  });
});

describe('--help', () => {
  test('names every option and command, with examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const s of ['-o, --output-file', '--header', '--prefix', '-j, --jobs', '-O ', '-O0', '--bounds-checks', '-v, --verbose', '-h, --help', '-V, --version']) {
      expect(r.stdout, s).toContain(s);
    }
    for (const s of ['wasm2obj <input> [output]', 'validate <files..>', 'wast <files..>', 'Examples:', 'wasm2obj hello.wasm -o hello.o', 'Exit status']) {
      expect(r.stdout, s).toContain(s);
    }
  });

  test('validate still works', () => {
    const r = run(['validate', file('sample.wasm')]);
    expect(r).toEqual({ code: 0, stdout: `${file('sample.wasm')}: ok\n`, stderr: '' });
  });
});

describe('the object and its header in a C program', () => {
  test('instantiated through the header, its exports called directly, with several results through the results struct; two objects of one module side by side', () => {
    if (!fs.existsSync(LIBW2O)) throw new Error(`${LIBW2O} is missing: run 'npm run build' first (npm test does)`);
    expect(run([file('sample.wasm'), '-o', file('sample.o'), '--header', file('sample.h')])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run([file('sample.wasm'), '-o', file('twin.o'), '--header', file('twin.h'), '--prefix', 'twin']).code).toBe(0);
    const main = file('main.c');
    fs.writeFileSync(
      main,
      [
        '#include <stdio.h>',
        '#include "sample.h"',
        '#include "twin.h"',
        'int main(void) {',
        '  struct w2o_error err;',
        '  struct w2o_instance *inst = sample_instantiate(NULL, NULL, &err);',
        '  if (inst == NULL) { printf("instantiate: %s\\n", err.message); return 1; }',
        '  void *vm = w2o_instance_vmctx(inst);',
        '  struct sample_swap_results r;',
        '  sample_swap(vm, &r, -5, INT64_C(1) << 40);',
        '  printf("%d %d %d %lld %d\\n", sample_add(vm, 2, 40), sample_fib(vm, 20), sample_a_x2e_b(vm), (long long)r.r0, r.r1);',
        '  struct w2o_instance *twin = twin_instantiate(NULL, NULL, &err);',
        '  if (twin == NULL) { printf("instantiate: %s\\n", err.message); return 1; }',
        '  printf("%d\\n", twin_add(w2o_instance_vmctx(twin), 1, 2));',
        '  w2o_instance_free(twin);',
        '  w2o_instance_free(inst);',
        '  return 0;',
        '}',
        '',
      ].join('\n'),
    );
    const exe = file('main');
    quietTool('cc', ['-std=c11', '-pedantic', '-Wall', '-Wextra', '-Werror', `-I${dir}`, `-I${RUNTIME_INCLUDE}`, main, file('sample.o'), file('twin.o'), LIBW2O, '-pthread', '-Wl,--fatal-warnings', '-o', exe]);
    const r = tool(exe, []);
    expect(r).toEqual({ status: 0, stdout: `42 6765 7 ${2 ** 40} -5\n3\n`, stderr: '' });
  });

  test('the example (npm run example) prints what it should', () => {
    const r = spawnSync('bash', [path.join(REPO, 'fixtures/example/run.sh')], { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toMatch(/^\$ node dist\/src\/cli\/main\.js fixtures\/example\/example\.wasm/);
    expect(r.stdout).toBe(fs.readFileSync(path.join(REPO, 'fixtures/example/expected-output.txt'), 'utf8'));
    expect(r.status).toBe(0);
  });
});
