/**
 * Validation corner cases of WebAssembly 2.0, in WAT, valid and invalid alike. They are
 * assembled with `wat2wasm --no-check` (so invalid ones assemble too) and compared with V8;
 * each is also a mutation seed. A case's comment says what the spec rule is where it is
 * easy to get wrong.
 */
import { EMPTY_BLOCK, FUNCREF, ModuleBuilder, Op, i32Const } from './wasm-builder.js';

export const CORNER_CASES: readonly { name: string; wat: string }[] = [
  // --- stack polymorphism after unreachable / br / return
  { name: 'select on bottom operands', wat: '(func unreachable select drop)' },
  { name: 'select on bottom then i32.add', wat: '(func (result i32) unreachable select i32.const 1 i32.add)' },
  // Untyped select takes numeric or vector operands only.
  { name: 'untyped select on funcref after unreachable', wat: '(func unreachable ref.null func i32.const 0 select drop)' },
  { name: 'untyped select on funcref', wat: '(func ref.null func ref.null func i32.const 0 select drop)' },
  { name: 'untyped select on v128', wat: '(func (result v128) v128.const i64x2 0 0 v128.const i64x2 0 0 i32.const 0 select)' },
  { name: 'typed select on externref', wat: '(func (result externref) ref.null extern ref.null extern i32.const 0 select (result externref))' },
  { name: 'select operands of different types', wat: '(func (result i32) i32.const 0 i64.const 0 i32.const 0 select)' },
  { name: 'select i32 and bottom', wat: '(func (result i32) unreachable i32.const 0 i32.const 0 select)' },
  { name: 'select i32 and bottom, result f32', wat: '(func (result f32) unreachable i32.const 0 i32.const 0 select)' },
  { name: 'ref.is_null on bottom', wat: '(func unreachable ref.is_null drop)' },
  { name: 'ref.is_null on i32', wat: '(func i32.const 0 ref.is_null drop)' },
  { name: 'br_table to labels of different types in unreachable code', wat: '(func (block (result f32) (block (result i32) unreachable br_table 0 1 0) drop f32.const 0) drop)' },
  { name: 'br_table to labels of different arities', wat: '(func (block (result i32) (block unreachable br_table 0 1 1) i32.const 0))' },
  { name: 'br_table to labels of different types with a value', wat: '(func (block (result f32) (block (result i32) i32.const 0 i32.const 0 br_table 0 1 0) drop f32.const 0) drop)' },
  { name: 'operands in a block after unreachable are bottom', wat: '(func (result i32) i32.const 0 (block (result i32) unreachable i32.add) drop)' },
  { name: 'pop below the block base', wat: '(func (result i32) i32.const 0 (block (result i32) i32.add))' },
  { name: 'unreachable then wrong concrete type', wat: '(func (result i32) unreachable f32.const 0)' },
  { name: 'unreachable then extra values', wat: '(func (result i32) unreachable i32.const 0 i32.const 0)' },
  { name: 'code after return is checked', wat: '(func return i64.const 0 i32.add drop)' },
  { name: 'br then a value of the wrong type for end', wat: '(func (result i32) (block (result i32) i32.const 0 br 0 f32.const 0))' },

  // --- blocks with parameters and multiple results
  { name: 'block with params', wat: '(type $t (func (param i32) (result i32))) (func (result i32) i32.const 1 (block (type $t)))' },
  { name: 'block with params, missing argument', wat: '(type $t (func (param i32) (result i32))) (func (result i32) (block (type $t)))' },
  { name: 'loop branch carries the params', wat: '(type $t (func (param i32) (result i32))) (func (result i32) i32.const 1 (loop (type $t) i32.const 1 i32.sub br 0))' },
  // An if without else is valid when its params equal its results.
  { name: 'if without else, params = results', wat: '(type $t (func (param i32) (result i32))) (func (result i32) i32.const 1 i32.const 0 (if (type $t) (then)))' },
  { name: 'if without else, result only', wat: '(func (result i32) i32.const 0 (if (result i32) (then i32.const 1)))' },
  { name: 'else arm of the wrong type', wat: '(func (result i32) i32.const 0 (if (result i32) (then i32.const 1) (else f32.const 0)))' },
  { name: 'multi-value br_if', wat: '(func (result i32 i64) (block (result i32 i64) i32.const 1 i64.const 2 i32.const 0 br_if 0))' },
  { name: 'multi-value return from nested block', wat: '(func (result i32 f64) (block (block i32.const 1 f64.const 2 return)) unreachable)' },

  // --- ref.func declarations (C.refs)
  { name: 'ref.func declared by an export', wat: '(func $f (export "f")) (func (result funcref) ref.func $f)' },
  { name: 'ref.func declared by a global', wat: '(func $f) (global funcref (ref.func $f)) (func (result funcref) ref.func $f)' },
  { name: 'ref.func declared by a declarative segment', wat: '(func $f) (elem declare func $f) (func (result funcref) ref.func $f)' },
  { name: 'ref.func declared by a passive segment', wat: '(func $f) (elem func $f) (func (result funcref) ref.func $f)' },
  { name: 'ref.func undeclared', wat: '(func $f) (func (result funcref) ref.func $f)' },
  { name: 'ref.func declared only by start', wat: '(func $f) (start $f) (func (result funcref) ref.func $f)' },
  { name: 'ref.func to an undeclared import', wat: '(import "m" "f" (func $f)) (func (result funcref) ref.func $f)' },

  // --- constant expressions
  { name: 'global.get of an immutable import', wat: '(import "m" "g" (global i32)) (global i32 (global.get 0))' },
  { name: 'global.get of a mutable import', wat: '(import "m" "g" (global (mut i32))) (global i32 (global.get 0))' },
  { name: 'global.get of a defined global', wat: '(global i32 (i32.const 0)) (global i32 (global.get 0))' },
  { name: 'global init of the wrong type', wat: '(global i32 (i64.const 0))' },
  { name: 'externref global from ref.func', wat: '(func $f) (global externref (ref.func $f))' },
  { name: 'two instructions in a global init', wat: '(global i32 (i32.const 0) (i32.const 1))' },
  { name: 'empty global init', wat: '(global i32)' },
  { name: 'elem item global.get of an imported funcref global', wat: '(import "m" "g" (global funcref)) (table 1 funcref) (elem (i32.const 0) funcref (global.get 0))' },
  { name: 'elem item ref.null extern in a funcref segment', wat: '(table 1 funcref) (elem (i32.const 0) funcref (ref.null extern))' },
  { name: 'elem offset of type i64', wat: '(table 1 funcref) (func) (elem (i64.const 0) func 0)' },
  { name: 'data offset of type i64', wat: '(memory 1) (data (i64.const 0) "a")' },

  // --- tables, memories, segments
  { name: 'active funcref segment into an externref table', wat: '(table 1 externref) (func) (elem (i32.const 0) func 0)' },
  { name: 'call_indirect through an externref table', wat: '(type $t (func)) (table 1 externref) (func i32.const 0 call_indirect (type $t))' },
  { name: 'table.copy between element types', wat: '(table $a 1 funcref) (table $b 1 externref) (func i32.const 0 i32.const 0 i32.const 0 table.copy $a $b)' },
  { name: 'table.init with an externref segment into a funcref table', wat: '(table 1 funcref) (elem externref (ref.null extern)) (func i32.const 0 i32.const 0 i32.const 0 table.init 0 0)' },
  { name: 'elem.drop of an unknown segment', wat: '(func elem.drop 0)' },
  { name: 'active data without memory', wat: '(data (i32.const 0) "a")' },
  { name: 'passive data without memory', wat: '(data "a")' },
  { name: 'memory.init without memory', wat: '(data "a") (func i32.const 0 i32.const 0 i32.const 0 memory.init 0)' },
  { name: 'memory.init with an unknown segment', wat: '(memory 1) (data "a") (func i32.const 0 i32.const 0 i32.const 0 memory.init 1)' },
  { name: 'memory maximum 65536', wat: '(memory 0 65536)' },
  { name: 'memory maximum 65537', wat: '(memory 0 65537)' },
  { name: 'table maximum below minimum', wat: '(table 2 1 funcref)' },
  { name: 'load alignment above natural', wat: '(memory 1) (func (result i32) i32.const 0 i32.load align=8)' },
  { name: 'load8 alignment 2', wat: '(memory 1) (func (result i32) i32.const 0 i32.load8_u align=2)' },
  { name: 'v128 load alignment 16', wat: '(memory 1) (func (result v128) i32.const 0 v128.load align=16)' },
  { name: 'v128 load alignment 32', wat: '(memory 1) (func (result v128) i32.const 0 v128.load align=32)' },
  { name: 'load lane alignment above natural', wat: '(memory 1) (func (result v128) i32.const 0 v128.const i64x2 0 0 v128.load32_lane align=8 0)' },
  { name: 'load without memory', wat: '(func (result i32) i32.const 0 i32.load)' },
  { name: 'memory.size without memory', wat: '(func (result i32) memory.size)' },

  // --- SIMD immediates
  { name: 'extract_lane index in range', wat: '(func (result i32) v128.const i64x2 0 0 i32x4.extract_lane 3)' },
  { name: 'extract_lane index out of range', wat: '(func (result i32) v128.const i64x2 0 0 i32x4.extract_lane 4)' },
  { name: 'shuffle lane 31', wat: '(func (result v128) v128.const i64x2 0 0 v128.const i64x2 0 0 i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31)' },
  { name: 'shuffle lane 32', wat: '(func (result v128) v128.const i64x2 0 0 v128.const i64x2 0 0 i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32)' },
  { name: 'replace_lane i64x2 lane 2', wat: '(func (result v128) v128.const i64x2 0 0 i64.const 0 i64x2.replace_lane 2)' },

  // --- module-level rules
  { name: 'start function with a parameter', wat: '(func $f (param i32)) (start $f)' },
  { name: 'start function with a result', wat: '(func $f (result i32) i32.const 0) (start $f)' },
  { name: 'duplicate export names', wat: '(func) (export "a" (func 0)) (export "a" (func 0))' },
  { name: 'export of an unknown table', wat: '(export "t" (table 0))' },
  { name: 'import with an unknown type', wat: '(import "m" "f" (func (type 3)))' },
  { name: 'multiple tables', wat: '(table 1 funcref) (table 1 externref) (func (result i32) table.size 1)' },
  { name: 'locals of every type', wat: '(func (local i32 i64 f32 f64 v128 funcref externref))' },
  { name: 'local.set of the wrong type', wat: '(func (local f32) i32.const 0 local.set 0)' },
  { name: 'global.set of an immutable global', wat: '(global i32 (i32.const 0)) (func i32.const 1 global.set 0)' },
  { name: 'call with the wrong argument type', wat: '(func $f (param i64)) (func i32.const 0 call $f)' },
  { name: 'return with too few values', wat: '(func (result i32 i32) i32.const 0 return)' },
];

/**
 * Corner cases that WAT cannot express (or that wat2wasm would encode differently), as
 * bytes: body code of a function `() -> ()` in a module with one memory and one table.
 */
export const RAW_BODY_CASES: readonly { name: string; code: readonly number[] }[] = [
  { name: 'block type index out of range', code: [Op.block, 7, Op.end] },
  { name: 'block type as a large positive s33', code: [Op.block, 0xff, 0xff, 0xff, 0xff, 0x0f, Op.end] },
  { name: 'block type code 0x6e', code: [Op.block, 0x6e, Op.end] },
  { name: 'block type code 0x7a', code: [Op.block, 0x7a, Op.end] },
  // blocktype is 0x40, a value type byte, or a non-negative s33: a negative s33 in more
  // than one byte is malformed.
  { name: 'block type as a padded empty type', code: [Op.block, 0xc0, 0x7f, Op.end] },
  { name: 'block type i32 padded to 2 bytes', code: [Op.block, 0xff, 0x7f, ...i32Const(0), Op.end, Op.drop] },
  { name: 'block type i64 padded to 3 bytes', code: [Op.block, 0xfe, 0xff, 0x7f, Op.i64_const, 0, Op.end, Op.drop] },
  { name: 'block type funcref padded to 2 bytes', code: [Op.block, 0xf0, 0x7f, Op.ref_null, FUNCREF, Op.end, Op.drop] },
  { name: 'block type index 0 padded to 2 bytes', code: [Op.block, 0x80, 0x00, Op.end] },
  // ref.null takes a reference type byte in 2.0 (an s33 heap type only in later proposals).
  { name: 'ref.null with a padded heap type', code: [Op.ref_null, 0xf0, 0x7f, Op.drop] },
  { name: 'memarg alignment with bit 6 set', code: [...i32Const(0), Op.i32_load, 0x42, 0, Op.drop] },
  { name: 'memarg alignment 2^32-1', code: [...i32Const(0), Op.i32_load, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, Op.drop] },
  { name: 'memarg offset 2^32', code: [...i32Const(0), Op.i32_load, 2, 0x80, 0x80, 0x80, 0x80, 0x10, Op.drop] },
  { name: 'memory.size with reserved byte 1', code: [Op.memory_size, 1, Op.drop] },
  { name: 'memory.grow with a padded reserved byte', code: [...i32Const(0), Op.memory_grow, 0x80, 0x00, Op.drop] },
  { name: 'call_indirect with table byte padded', code: [...i32Const(0), Op.call_indirect, 0, 0x80, 0x00] },
  { name: 'call_indirect with table 1', code: [...i32Const(0), Op.call_indirect, 0, 1] },
  { name: 'memory.fill with memory 1', code: [...i32Const(0), ...i32Const(0), ...i32Const(0), Op.prefix_fc, 11, 1] },
  { name: 'memory.copy with memory 1', code: [...i32Const(0), ...i32Const(0), ...i32Const(0), Op.prefix_fc, 10, 0, 1] },
  { name: '0xfc sub-opcode 18', code: [Op.prefix_fc, 18] },
  { name: '0xfc sub-opcode padded', code: [...i32Const(0), ...i32Const(0), ...i32Const(0), Op.prefix_fc, 0x8b, 0x00, 0] },
  { name: '0xfc sub-opcode 2^32 (too large)', code: [Op.prefix_fc, 0x80, 0x80, 0x80, 0x80, 0x10] },
  { name: 'SIMD sub-opcode 0x9a (unassigned)', code: [Op.prefix_simd, 0x9a, 0x01] },
  { name: 'i32.const with a 6-byte LEB', code: [Op.i32_const, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, Op.drop] },
  { name: 'i32.const 5-byte, unused bits set wrongly', code: [Op.i32_const, 0xff, 0xff, 0xff, 0xff, 0x4f, Op.drop] },
  { name: 'i64.const 10-byte, last byte 0x01', code: [Op.i64_const, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, Op.drop] },
  { name: 'local.get index 2^32-1', code: [Op.local_get, 0xff, 0xff, 0xff, 0xff, 0x0f, Op.drop] },
  { name: 'ref.null with a value type', code: [Op.ref_null, 0x7f, Op.drop] },
  { name: 'typed select with zero types', code: [...i32Const(0), ...i32Const(0), ...i32Const(0), Op.select_t, 0, Op.drop] },
  { name: 'typed select with two types', code: [...i32Const(0), ...i32Const(0), ...i32Const(0), Op.select_t, 2, 0x7f, 0x7f, Op.drop] },
  { name: 'else without if', code: [Op.else] },
  { name: 'end with nothing open (function end reached early)', code: [Op.end, Op.nop] },
  { name: 'br_table with zero targets', code: [Op.block, EMPTY_BLOCK, ...i32Const(0), Op.br_table, 0, 0, Op.end] },
];

/** A full module from a case: cases are module fields, wrapped here. */
export function cornerCaseModule(wat: string): string {
  return `(module ${wat})`;
}

/** The module of a raw body case: one memory, one funcref table, one function `() -> ()`. */
export function rawBodyModule(code: readonly number[]): Uint8Array {
  const b = new ModuleBuilder();
  b.addMemory({ min: 1 });
  b.addTable(FUNCREF, { min: 1 });
  b.addFunction(b.addType([], []), code);
  return b.toBytes();
}
