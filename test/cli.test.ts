/**
 * The command line as a user meets it: the built CLI run as a separate process (npm test
 * builds first), checked for its output lines, exit codes and the absence of stack traces.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ModuleBuilder, Op, I32 } from './helpers/wasm-builder.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist/src/cli/main.js');

function run(args: string[], input?: Uint8Array) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let valid: string;
let invalidFile: string;

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' first (npm test does)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm2obj-cli-'));
  const good = new ModuleBuilder();
  good.addFunction(good.addType([], [I32]), [Op.i32_const, 7]);
  valid = path.join(dir, 'good.wasm');
  fs.writeFileSync(valid, good.toBytes());
  const bad = new ModuleBuilder();
  bad.addFunction(bad.addType([], [I32]), [Op.i64_const, 7]);
  invalidFile = path.join(dir, 'bad.wasm');
  fs.writeFileSync(invalidFile, bad.toBytes());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('wasm2obj validate', () => {
  test('valid files print ok and exit 0', () => {
    const r = run(['validate', valid, 'fixtures/hello.wasm']);
    expect(r.stdout).toBe(`${valid}: ok\nfixtures/hello.wasm: ok\n`);
    expect(r.stderr).toBe('wasm2obj validate: 2 files: 2 valid, 0 rejected\n');
    expect(r.code).toBe(0);
  });

  test('an invalid file prints file, hex offset, reason and function, and exits 1', () => {
    const r = run(['validate', invalidFile]);
    expect(r.stdout).toMatch(new RegExp(`^${invalidFile}:0x[0-9a-f]+: error: type mismatch in end: expected i32, found i64 \\(func 0\\)\\n$`));
    expect(r.code).toBe(1);
  });

  test('unreadable inputs are reported per file, and the other files still checked', () => {
    const r = run(['validate', path.join(dir, 'missing.wasm'), dir, valid]);
    expect(r.stdout).toBe(`${path.join(dir, 'missing.wasm')}: error: cannot read: no such file\n${dir}: error: cannot read: is a directory\n${valid}: ok\n`);
    expect(r.code).toBe(1);
  });

  test('garbage and empty input are clean errors, never stack traces', () => {
    const garbage = path.join(dir, 'garbage.wasm');
    fs.writeFileSync(garbage, 'not wasm at all');
    const empty = path.join(dir, 'empty.wasm');
    fs.writeFileSync(empty, '');
    const r = run(['validate', garbage, empty]);
    expect(r.stdout).toBe(`${garbage}:0x0: error: magic header not detected\n${empty}:0x0: error: magic header not detected\n`);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
  });

  test('- reads the module from standard input', () => {
    const r = run(['validate', '-'], fs.readFileSync(valid));
    expect(r.stdout).toBe('-: ok\n');
    expect(r.code).toBe(0);
  });

  test('--quiet prints only failures', () => {
    const r = run(['validate', '--quiet', valid, invalidFile]);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toContain(invalidFile);
  });

  test('a closed output pipe ends the run quietly', () => {
    // Far more output than a pipe buffers (64 KiB), so writes fail once head has gone.
    const files = Array.from({ length: 8000 }, () => 'good.wasm').join(' ');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" validate ${files} | head -1`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('good.wasm: ok\n');
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  test('many files in one process', () => {
    const files = Array.from({ length: 2000 }, () => valid);
    const r = run(['validate', '--quiet', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('wasm2obj validate: 2000 files: 2000 valid, 0 rejected\n');
  });
});

describe('usage', () => {
  test('--help lists the commands and the exit statuses', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wasm2obj validate <files..>');
    expect(r.stdout).toContain('Exit status: 0 success, 1 rejected input or bad usage, 2 internal error.');
  });

  test('no command or an unknown one is a usage error with exit 1', () => {
    expect(run([]).code).toBe(1);
    const r = run(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^wasm2obj: error: /);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
  });
});
