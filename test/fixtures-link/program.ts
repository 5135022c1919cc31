/**
 * What the link tests link: a small wasm module (built with the binary builder, decoded by
 * translate) and, for its functions, machine code assembled by hand with the x64
 * assembler, the way a code generation tier hands it over: prologue `push rbp; mov rbp,
 * rsp` with its unwind ops, direct calls left as `calls` pairs, trap sites recorded.
 *
 *   func 0  import env.host (i32) -> i32              no code here
 *   func 1  "leaf"   (i32) -> i32    x + 1           exported as "leaf.fn"
 *   func 2  "mid"    (i32) -> i32    leaf(x + 10) + 100                  exported as "module"
 *   func 3  (no name) (i32) -> i32   leaf(mid(x)) + x, keeps rbx and r12  exported as "outer"
 *   func 4  "pair"  (i32, i64) -> (i32, i64)  both params into the results area  exported
 *   func 5  "trapper" (i32) -> i32   ud2 (trap "unreachable") when x is 0, else x
 *   trampolines for type 0 (calls its callee with values[0], stores the result in values[0])
 *   and type 1 (an empty frame; never called)
 *
 * So outer(5) = leaf(mid(5)) + 5 = leaf(116) + 5 = 122, with leaf on top of mid, outer.
 */
import {
  Alu,
  CodeBuffer,
  Cond,
  aluRI,
  aluRR,
  callR,
  callRel32,
  jcc,
  mem,
  movMR,
  movRM,
  movRR,
  pop,
  push,
  r12,
  rax,
  rbp,
  rbx,
  rcx,
  rdi,
  rdx,
  rsi,
  rsp,
  ret,
  testRR,
  ud2,
  type Gpr,
} from '../../src/codegen/x64/index.js';
import type { CompiledFunction } from '../../src/codegen/types.js';
import { decodeModule, type ModuleInfo } from '../../src/translate/index.js';
import type { UnwindOp } from '../../src/unwind/index.js';
import { I32, I64, Kind, ModuleBuilder, Op, nameSectionPayload } from '../helpers/wasm-builder.js';

export const TYPE_I32_I32 = 0;
export const TYPE_PAIR = 1;
export const FUNC = { host: 0, leaf: 1, mid: 2, outer: 3, pair: 4, trapper: 5 } as const;

export function buildModule(): { bytes: Uint8Array; module: ModuleInfo } {
  const b = new ModuleBuilder();
  const t0 = b.addType([I32], [I32]);
  const t1 = b.addType([I32, I64], [I32, I64]);
  b.addImport('env', 'host', { kind: 'func', type: t0 });
  const id = [Op.local_get, 0];
  for (let i = 0; i < 3; i++) b.addFunction(t0, id);
  b.addFunction(t1, [Op.local_get, 0, Op.local_get, 1]);
  b.addFunction(t0, id);
  b.addMemory({ min: 1 });
  b.addExport('leaf.fn', Kind.Func, FUNC.leaf);
  b.addExport('module', Kind.Func, FUNC.mid);
  b.addExport('outer', Kind.Func, FUNC.outer);
  b.addExport('pair', Kind.Func, FUNC.pair);
  b.addExport('host', Kind.Func, FUNC.host);
  b.addExport('memory', Kind.Memory, 0);
  b.addCustom(
    'name',
    nameSectionPayload({
      functions: [
        [FUNC.leaf, 'leaf'],
        [FUNC.mid, 'mid'],
        [FUNC.pair, 'pair'],
        [FUNC.trapper, 'trapper'],
      ],
      locals: [[FUNC.pair, [[0, 'a'], [1, 'b']]]],
    }),
  );
  const bytes = b.toBytes();
  if (t0 !== TYPE_I32_I32 || t1 !== TYPE_PAIR) throw new Error('fixture: type indices moved');
  return { bytes, module: decodeModule(bytes) };
}

/** Assembles one function, recording unwind ops, calls and trap sites as a tier would. */
class Fn {
  readonly b = new CodeBuffer();
  private readonly ops: UnwindOp[] = [];
  private readonly calls: number[] = [];
  private readonly traps: number[] = [];
  private saved: Gpr[] = [];

  constructor(
    private readonly funcIndex: number,
    private readonly trampolineType = -1,
  ) {}

  prologue(saved: Gpr[] = []): this {
    this.saved = saved;
    push(this.b, rbp);
    this.ops.push({ kind: 'pushFramePointer', at: this.b.length });
    movRR(this.b, 64, rbp, rsp);
    this.ops.push({ kind: 'setFramePointer', at: this.b.length });
    saved.forEach((r, i) => {
      push(this.b, r);
      this.ops.push({ kind: 'saveRegister', at: this.b.length, reg: r, cfaOffset: -24 - 8 * i });
    });
    return this;
  }

  /** The last epilogue: nothing follows it. */
  epilogue(): this {
    for (let i = this.saved.length - 1; i >= 0; i--) {
      pop(this.b, this.saved[i]!);
      this.ops.push({ kind: 'restoreRegister', at: this.b.length, reg: this.saved[i]! });
    }
    pop(this.b, rbp);
    this.ops.push({ kind: 'popFramePointer', at: this.b.length });
    ret(this.b);
    return this;
  }

  /** call <function callee>, left for link to resolve. */
  call(callee: number): this {
    this.calls.push(callRel32(this.b, 0), callee);
    return this;
  }

  trap(code: number): this {
    this.traps.push(this.b.length, code);
    ud2(this.b);
    return this;
  }

  done(): CompiledFunction {
    return {
      funcIndex: this.funcIndex,
      trampolineType: this.trampolineType,
      code: this.b.finish(),
      calls: Uint32Array.from(this.calls),
      trapSites: Uint32Array.from(this.traps),
      srcmap: new Uint32Array(0),
      unwind: this.ops,
    };
  }
}

/** The compiled functions, in the order compileModule returns them (functions, then trampolines). */
export function compileByHand(): CompiledFunction[] {
  // leaf(vmctx, x) = x + 1
  const leaf = new Fn(FUNC.leaf).prologue();
  movRR(leaf.b, 32, rax, rsi);
  aluRI(leaf.b, Alu.add, 32, rax, 1);
  leaf.epilogue();

  // mid(vmctx, x) = leaf(x + 10) + 100
  const mid = new Fn(FUNC.mid).prologue();
  aluRI(mid.b, Alu.add, 32, rsi, 10);
  mid.call(FUNC.leaf);
  aluRI(mid.b, Alu.add, 32, rax, 100);
  mid.epilogue();

  // outer(vmctx, x) = leaf(mid(x)) + x
  const outer = new Fn(FUNC.outer).prologue([rbx, r12]);
  movRR(outer.b, 64, rbx, rdi);
  movRR(outer.b, 32, r12, rsi);
  outer.call(FUNC.mid);
  movRR(outer.b, 64, rdi, rbx);
  movRR(outer.b, 32, rsi, rax);
  outer.call(FUNC.leaf);
  aluRR(outer.b, Alu.add, 32, rax, r12);
  outer.epilogue();

  // pair(vmctx, results, a, b): results->r0 = a, results->r1 = b
  const pair = new Fn(FUNC.pair).prologue();
  movMR(pair.b, 32, mem(rsi), 0, rdx);
  movMR(pair.b, 64, mem(rsi), 8, rcx);
  pair.epilogue();

  // trapper(vmctx, x) = x, trapping when x is 0
  const trapper = new Fn(FUNC.trapper).prologue();
  const ok = trapper.b.newLabel();
  testRR(trapper.b, 32, rsi, rsi);
  jcc(trapper.b, Cond.ne, ok);
  trapper.trap(1);
  trapper.b.bind(ok);
  movRR(trapper.b, 32, rax, rsi);
  trapper.epilogue();

  // trampoline of type 0: (callee_vmctx, callee_code, values)
  const tramp0 = new Fn(-1, TYPE_I32_I32).prologue([rbx, r12]);
  movRR(tramp0.b, 64, rbx, rdx);
  movRR(tramp0.b, 64, rax, rsi);
  movRM(tramp0.b, 32, rsi, mem(rdx), 0);
  callR(tramp0.b, rax);
  movMR(tramp0.b, 32, mem(rbx), 0, rax);
  tramp0.epilogue();

  const tramp1 = new Fn(-1, TYPE_PAIR).prologue().epilogue();

  return [leaf, mid, outer, pair, trapper, tramp0, tramp1].map((f) => f.done());
}
