/**
 * What the code generator tells the unwind stage about each function: where it lies in
 * `.text` and how its frame changes, as a list of unwind pseudo-ops recorded while the
 * prologue and epilogues are emitted.
 *
 * Every function keeps a frame pointer, so its frame evolves in a fixed way:
 *
 *   entry                      CFA = rsp+8    return address at CFA-8 (the CIE's rules)
 *   push rbp          ─► pushFramePointer     CFA = rsp+16, rbp saved at CFA-16
 *   mov rbp, rsp      ─► setFramePointer      CFA = rbp+16, from here on whatever rsp does
 *   push rbx          ─► saveRegister(rbx, -24)   rbx saved at CFA-24
 *   sub rsp, N              (nothing: the CFA does not depend on rsp any more)
 *   ... body ...
 *   (epilogue start)  ─► rememberState       keep the body's rules for the code after `ret`
 *   lea rsp, [rbp-8]
 *   pop rbx           ─► restoreRegister(rbx) rbx holds the caller's value again
 *   pop rbp           ─► popFramePointer      CFA = rsp+8, rbp holds the caller's value
 *   ret               ─► restoreState        the code after `ret` has the body's rules
 *   ... more body, more epilogues ...
 *
 * `at` is always the offset, from the function's first byte, of the first instruction the
 * op applies to: the end of the instruction it follows (or, for `rememberState`, any
 * offset from the end of the body's last frame change up to the epilogue's first
 * instruction). Ops are listed in emission order, so `at` never decreases. An op at the
 * function's end (after its last `ret`) describes no instruction and is left out of the
 * encoded table, though it still counts for the pairing of remember/restore.
 *
 * Plain objects of numbers, so that a worker can post them as they are; a function has a
 * handful of them, one per prologue or epilogue instruction, never one per body instruction.
 */
import type { Gpr } from '../codegen/x64/index.js';
import type { R_X86_64_PC32 } from '../obj-elf/index.js';

export type UnwindOp =
  /** After `push rbp`: CFA = rsp+16, the caller's rbp at CFA-16. */
  | { readonly kind: 'pushFramePointer'; readonly at: number }
  /** After `mov rbp, rsp`: CFA = rbp+16. */
  | { readonly kind: 'setFramePointer'; readonly at: number }
  /**
   * After a callee-saved register is stored (a `push` after `mov rbp, rsp`, or a `mov` to
   * the frame): the caller's value of `reg` is at CFA + `cfaOffset`, a negative multiple of
   * 8 (-24 for the first push after `mov rbp, rsp`).
   */
  | { readonly kind: 'saveRegister'; readonly at: number; readonly reg: Gpr; readonly cfaOffset: number }
  /** Before an epilogue: push the current rules, to be brought back by `restoreState`. */
  | { readonly kind: 'rememberState'; readonly at: number }
  /** After an epilogue's `pop reg` of a callee-saved register: `reg` holds the caller's value. */
  | { readonly kind: 'restoreRegister'; readonly at: number; readonly reg: Gpr }
  /** After the epilogue's `pop rbp` (or `leave`): CFA = rsp+8, rbp holds the caller's value. */
  | { readonly kind: 'popFramePointer'; readonly at: number }
  /** After the epilogue's `ret`: the rules remembered by the matching `rememberState`. */
  | { readonly kind: 'restoreState'; readonly at: number };

export type UnwindOpKind = UnwindOp['kind'];

/**
 * One function of `.text`: its range and its pseudo-ops. `pc_begin` of its FDE refers to
 * `symbol` (which must be defined at the function's first byte) when given, else to the
 * `.text` symbol of the `EhFrameOptions` plus `offset`. `S` is whatever the caller names
 * symbols with (an obj-elf `SymbolId`, a name); the unwind stage only hands it back.
 */
export interface FunctionUnwind<S> {
  /** Offset of the function's first byte in `.text`. */
  readonly offset: number;
  /** Size in bytes; the FDE covers [offset, offset + size). */
  readonly size: number;
  readonly ops: readonly UnwindOp[];
  readonly symbol?: S;
}

export interface EhFrameOptions<S> {
  /** The symbol of `.text` (e.g. its section symbol), for functions without a symbol of their own. */
  readonly textSymbol?: S;
}

/** A field of `.eh_frame` that the linker fills in: `symbol + addend - P`, 32 bits. */
export interface EhFrameRelocation<S> {
  /** Offset of the field in `.eh_frame`. */
  readonly offset: number;
  readonly symbol: S;
  /** Always `R_X86_64_PC32` (pc_begin is DW_EH_PE_pcrel | DW_EH_PE_sdata4). */
  readonly type: typeof R_X86_64_PC32;
  readonly addend: number;
}

export interface EhFrame<S> {
  /** The section's contents; 8-byte aligned records, no zero terminator (crtend.o has it). */
  readonly bytes: Uint8Array;
  /** One per FDE, in function order. */
  readonly relocations: readonly EhFrameRelocation<S>[];
}
