/**
 * The modules the instance tests link with their driver (driver.c), each under its own
 * prefix. What each one is for is said beside it; driver.c finds them by prefix.
 */
import { builtinOffset, funcRefOffset, memoryBaseOffset } from '../../src/abi/index.js';
import { Alu, aluRR, call, callM, lea, mem, movMI, movMR, movRI, movRM, movRR, r8, rax, rcx, rdi, rdx, rsi, ret } from '../../src/codegen/x64/index.js';
import { FUNCREF, I32, ModuleBuilder, globalGet, i32Const, nameSectionPayload, refFunc, refNull } from '../helpers/wasm-builder.js';
import { buildModule, type Body, type BuiltModule } from './module.js';

/** `mov eax, k; ret`: a function of type [] -> [i32]. */
const constant =
  (k: number): Body =>
  ({ b }) => {
    movRI(b, 32, rax, k);
    ret(b);
  };

/** `tab`: the funcs form, the expression form with ref.func, ref.null and global.get, passive and declarative segments. */
function tabModule(): Uint8Array {
  const b = new ModuleBuilder();
  const gr = b.addImport('host', 'g_ref', { kind: 'global', valType: FUNCREF, mutable: false });
  const r = b.addType([], [I32]);
  const fa = b.addFunction(r, [...i32Const(1)]);
  const fb = b.addFunction(r, [...i32Const(2)]);
  const fc = b.addFunction(r, [...i32Const(3)]);
  const t = b.addTable(FUNCREF, { min: 10, max: 20 });
  const e = b.addTable(0x6f, { min: 2 });
  b.addExport('a', 0, fa).addExport('b', 0, fb).addExport('c', 0, fc).addExport('table', 1, t).addExport('ext', 1, e);
  b.addElem({ mode: 'active', offset: i32Const(1), funcs: [fa, fb] }); // 0
  b.addElem({ mode: 'active', offset: i32Const(5), type: FUNCREF, exprs: [refFunc(fc), refNull(FUNCREF), globalGet(gr)] }); // 1
  b.addElem({ mode: 'passive', type: FUNCREF, exprs: [refFunc(fb), refFunc(fc), refNull(FUNCREF)] }); // 2
  b.addElem({ mode: 'declarative', funcs: [fa] }); // 3
  b.addElem({ mode: 'active', offset: i32Const(8), funcs: [fa] }); // 4
  b.addCustom('name', nameSectionPayload({ functions: [[fa, 'a'], [fb, 'b'], [fc, 'c']] }));
  return b.toBytes();
}

export function buildModules(): BuiltModule[] {
  const modules: BuiltModule[] = [];
  const add = (prefix: string, wat: string | Uint8Array, bodies: Record<string, Body> = {}) => {
    const m = buildModule(prefix, wat, bodies);
    modules.push(m);
    return m;
  };

  // A memory with active data segments, one of them overwriting another, and a passive one.
  add(
    'mem',
    `(module
      (memory (export "memory") 1 3)
      (data (i32.const 0) "hello")
      (data (i32.const 65531) "world")
      (data "passive bytes")
      (data (i32.const 2) "LL"))`,
  );

  // Globals of every type and initializer, imported ones, a re-exported import.
  add(
    'glob',
    `(module
      (import "host" "g_i32" (global $gi i32))
      (import "host" "g_f64" (global $gf f64))
      (import "host" "g_ref" (global $gr funcref))
      (import "host" "g_mut" (global $gm (mut i64)))
      (func $f (export "f"))
      (global (export "i32") i32 (i32.const -7))
      (global (export "i64") i64 (i64.const 0x123456789abcdef0))
      (global (export "f32") f32 (f32.const 1.5))
      (global (export "f64") (mut f64) (f64.const -2.25))
      (global (export "v128") v128 (v128.const i32x4 1 2 3 4))
      (global (export "null_func") funcref (ref.null func))
      (global (export "null_ext") externref (ref.null extern))
      (global (export "func") funcref (ref.func $f))
      (global (export "from_i32") i32 (global.get $gi))
      (global (export "from_f64") f64 (global.get $gf))
      (global (export "from_ref") funcref (global.get $gr))
      (export "mut" (global $gm)))`,
    { $f: ({ b }) => ret(b) },
  );

  add('tab', tabModule(), { $a: constant(1), $b: constant(2), $c: constant(3) });

  // Code that runs: calls builtins and an import through vmctx, checks the stack limit.
  add(
    'code',
    `(module
      (import "host" "cb" (func $cb))
      (memory (export "memory") 1)
      (global (export "g") i32 (i32.const 0))
      (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func $fill (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
      (func $recurse (export "recurse") (call $recurse))
      (func $call_host (export "call_host") (call $cb))
      (func $grow (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
    {
      $add: (e) => {
        e.prologue();
        lea(e.b, 32, rax, mem(rsi, rdx), 0);
        e.epilogue();
      },
      $fill: (e) => {
        e.prologue();
        movRR(e.b, 32, r8, rcx); // len
        movRR(e.b, 32, rcx, rdx); // value
        movRR(e.b, 32, rdx, rsi); // dst
        aluRR(e.b, Alu.xor, 32, rsi, rsi); // memory 0
        e.callBuiltin('memory_fill');
        e.mark('fill returns');
        e.epilogue();
      },
      $recurse: (e) => {
        e.prologue();
        e.mark('recurse checked');
        call(e.b, e.funcLabel(e.m.numImportedFuncs + 2));
        e.epilogue();
      },
      $call_host: (e) => {
        e.prologue();
        movRR(e.b, 64, rax, rdi);
        movRM(e.b, 64, rdi, mem(rax), funcRefOffset(e.layout, 0) + 8);
        callM(e.b, mem(rax), funcRefOffset(e.layout, 0));
        e.epilogue();
      },
      $grow: (e) => {
        e.prologue();
        movRR(e.b, 32, rdx, rsi);
        aluRR(e.b, Alu.xor, 32, rsi, rsi);
        callM(e.b, mem(rdi), builtinOffset('memory_grow'));
        e.epilogue();
      },
    },
  );

  // Imports from the instances above: one group with them, writes into their table and memory.
  add(
    'link',
    `(module
      (import "tab" "table" (table 10 funcref))
      (import "mem" "memory" (memory 1))
      (import "tab" "a" (func $ia (result i32)))
      (import "glob" "from_i32" (global $off i32))
      (func $own (result i32) (i32.const 9))
      (elem (i32.const 3) func $ia $own)
      (data (global.get $off) "linked")
      (export "ia" (func $ia))
      (export "own" (func $own)))`,
    { $own: constant(9) },
  );

  // Imports that do not link, and some that do, at the edges of the rules.
  const links: [string, string][] = [
    ['unknown_module', '(import "nowhere" "x" (func))'],
    ['unknown_name', '(import "tab" "nope" (table 1 funcref))'],
    ['bad_func_type', '(import "tab" "a" (func (result i64)))'],
    ['bad_host_func_type', '(import "host" "cb" (func (param i32)))'],
    ['bad_kind', '(import "tab" "a" (table 1 funcref))'],
    ['bad_table_min', '(import "tab" "table" (table 11 funcref))'],
    ['bad_table_max', '(import "tab" "table" (table 10 19 funcref))'],
    ['bad_table_no_max', '(import "host" "table_no_max" (table 1 5 funcref))'],
    ['bad_table_elem', '(import "tab" "ext" (table 1 funcref))'],
    ['ok_table', '(import "tab" "table" (table 10 20 funcref))'],
    ['ok_table_looser', '(import "tab" "table" (table 0 funcref))'],
    ['bad_memory_min', '(import "mem" "memory" (memory 2))'],
    ['bad_memory_max', '(import "mem" "memory" (memory 1 2))'],
    ['bad_memory_no_max', '(import "host" "memory_no_max" (memory 0 65536))'],
    ['ok_memory', '(import "mem" "memory" (memory 1 3))'],
    ['ok_memory_no_max', '(import "host" "memory_no_max" (memory 0))'],
    ['bad_global_type', '(import "glob" "i32" (global i64))'],
    ['bad_global_mut', '(import "glob" "f64" (global f64))'],
    ['bad_global_const', '(import "glob" "i32" (global (mut i32)))'],
    ['ok_global', '(import "glob" "f64" (global (mut f64)))'],
  ];
  for (const [prefix, imp] of links) add(prefix, `(module ${imp})`);

  // Segments out of bounds: the first one traps, what came before stays.
  add(
    'trap_elem',
    `(module
      (import "tab" "table" (table 10 funcref))
      (import "mem" "memory" (memory 1))
      (func $f (result i32) (i32.const 42))
      (elem (i32.const 7) $f)
      (elem (i32.const 8) $f $f $f)
      (data (i32.const 100) "never"))`,
    { $f: constant(42) },
  );
  add(
    'trap_data',
    `(module
      (import "mem" "memory" (memory 1))
      (data (i32.const 200) "first")
      (data (i32.const 65535) "xx")
      (data (i32.const 300) "never"))`,
  );
  add('data_empty_at_end', '(module (memory 1) (data (i32.const 65536) ""))');
  add('data_empty_past_end', '(module (memory 1) (data (i32.const 65537) ""))');
  add('data_negative', '(module (memory 1) (data (i32.const -1) ""))');
  add('elem_empty_past_end', '(module (table 1 funcref) (elem (i32.const 2)))');
  add('elem_empty_at_end', '(module (table 1 funcref) (elem (i32.const 1)))');

  // Start functions: one that writes memory (and the stack limit it ran under), one that
  // traps after the data segments ran, an imported one.
  add(
    'start_ok',
    `(module
      (import "mem" "memory" (memory 1))
      (func $s (i32.store (i32.const 400) (i32.const 42)))
      (start $s))`,
    {
      $s: ({ b, layout }) => {
        movRM(b, 64, rax, mem(rdi), memoryBaseOffset(layout, 0));
        movMI(b, 32, mem(rax), 400, 42);
        movRM(b, 64, rcx, mem(rdi), 0); // the stack limit cell
        movRM(b, 64, rcx, mem(rcx), 0);
        movMR(b, 64, mem(rax), 408, rcx);
        ret(b);
      },
    },
  );
  add(
    'start_trap',
    `(module
      (import "mem" "memory" (memory 1))
      (data (i32.const 500) "before")
      (func $s unreachable)
      (start $s))`,
  );
  add('start_import', '(module (import "host" "cb" (func $cb)) (start $cb))');
  // Traps in the start function with an imported function: kept alive, though instantiation failed.
  add(
    'start_trap_kept',
    `(module
      (import "host" "cb" (func $cb))
      (func $s unreachable)
      (start $s))`,
  );
  return modules;
}
