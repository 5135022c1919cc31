/**
 * The frame every function and trampoline sets up and tears down, with the unwind ops
 * that describe it (src/unwind/types.ts): rbp is the frame pointer, and `saved`
 * callee-saved registers are pushed right below it (the first at rbp-8).
 */
import type { UnwindOp } from '../unwind/types.js';
import { lea, mem, movRR, pop, push, rbp, ret, rsp, type CodeBuffer, type Gpr } from './x64/index.js';

/** push rbp; mov rbp, rsp; push each of `saved`. */
export function emitFrameSetup(b: CodeBuffer, u: UnwindOp[], saved: readonly Gpr[]): void {
  push(b, rbp);
  u.push({ kind: 'pushFramePointer', at: b.length });
  movRR(b, 64, rbp, rsp);
  u.push({ kind: 'setFramePointer', at: b.length });
  saved.forEach((r, i) => {
    push(b, r);
    u.push({ kind: 'saveRegister', at: b.length, reg: r, cfaOffset: -24 - 8 * i });
  });
}

/**
 * lea rsp, [rbp - 8 * saved]; pop them in reverse; pop rbp; ret. Code may follow (trap
 * stubs, constants): it keeps the body's unwind rules.
 */
export function emitFrameTeardown(b: CodeBuffer, u: UnwindOp[], saved: readonly Gpr[]): void {
  u.push({ kind: 'rememberState', at: b.length });
  lea(b, 64, rsp, mem(rbp), -8 * saved.length);
  for (let i = saved.length - 1; i >= 0; i--) {
    pop(b, saved[i]!);
    u.push({ kind: 'restoreRegister', at: b.length, reg: saved[i]! });
  }
  pop(b, rbp);
  u.push({ kind: 'popFramePointer', at: b.length });
  ret(b);
  u.push({ kind: 'restoreState', at: b.length });
}
