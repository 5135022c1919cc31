/**
 * One Frame Description Entry per function: its code range and the call frame program
 * that turns the CIE's entry state into the state at each of its instructions.
 *
 *   u32   length          of the rest of the record, padding included
 *   u32   CIE pointer     distance from this field back to the CIE
 *   s32   pc_begin        pc-relative: the function's address minus this field's (relocated)
 *   s32   pc_range        the function's size
 *   uleb  0               augmentation data length ("z"; "R" put nothing in an FDE)
 *   call frame instructions, DW_CFA_nop padding to a multiple of 8 bytes
 *
 * The program follows the pseudo-ops in order: before each op, a DW_CFA_advance_loc* to
 * its offset when that moves the location, then the op's instructions. While doing so it
 * tracks where the CFA is and the depth of remembered states, and refuses a sequence
 * that does not describe a frame-pointer frame (a `setFramePointer` before the push, a
 * `restoreState` without a `rememberState`, ops out of order or past the end): such a
 * sequence is a code generator bug, and an unwinder would follow it to a wrong frame.
 */
import {
  advanceLoc,
  defCfa,
  defCfaOffset,
  defCfaRegister,
  offset,
  padWithNops,
  rememberState,
  restore,
  restoreState,
} from './cfa.js';
import { RECORD_ALIGN } from './cie.js';
import { DW_REG_RBP, DW_REG_RSP, dwarfGpr, type DwarfReg } from './registers.js';
import type { FunctionUnwind, UnwindOp } from './types.js';
import type { ByteWriter } from './writer.js';

const RSP_GPR = 4;
const RBP_GPR = 5;

/** Where the CFA is: register + offset. */
interface CfaRule {
  reg: DwarfReg;
  offset: number;
}

/**
 * Appends the FDE of `fn`; returns the offset of its pc_begin field, which the caller
 * has relocated. `cieOffset` is where the CIE starts.
 */
export function writeFde(w: ByteWriter, cieOffset: number, fn: FunctionUnwind<unknown>): number {
  const where = `function at .text+0x${fn.offset.toString(16)}`;
  if (!Number.isSafeInteger(fn.offset) || fn.offset < 0) throw new Error(`unwind: ${where}: bad offset`);
  if (!Number.isInteger(fn.size) || fn.size <= 0 || fn.size > 0x7fffffff) {
    throw new Error(`unwind: ${where}: size ${fn.size} does not fit pc_range`);
  }
  const start = w.length;
  w.u32(0); // length, patched below
  w.u32(w.length - cieOffset);
  const pcBegin = w.length;
  w.u32(0); // pc_begin: the relocation's addend says it all (RELA)
  w.u32(fn.size);
  w.uleb128(0);
  writeProgram(w, fn, where);
  padWithNops(w, start, RECORD_ALIGN);
  w.patchU32(start, w.length - start - 4);
  return pcBegin;
}

function writeProgram(w: ByteWriter, fn: FunctionUnwind<unknown>, where: string): void {
  let cfa: CfaRule = { reg: DW_REG_RSP, offset: 8 }; // the CIE's rule
  const remembered: CfaRule[] = [];
  let loc = 0; // the location of the row being described
  let last = 0; // the offset of the previous op
  fn.ops.forEach((op, i) => {
    const fail = (why: string): never => {
      throw new Error(`unwind: ${where}: op ${i} (${op.kind} at ${op.at}): ${why}`);
    };
    if (!Number.isInteger(op.at) || op.at < last || op.at > fn.size) {
      fail(`offset not in [${last}, ${fn.size}] (ops go in code order, inside the function)`);
    }
    last = op.at;
    // An op at the end describes no instruction: keep its effect on the state, emit nothing.
    // rememberState changes no rule, so it needs no row of its own: no advance before it.
    const emit = op.at < fn.size;
    if (emit && op.kind !== 'rememberState') {
      advanceLoc(w, op.at - loc);
      loc = op.at;
    }
    const isCfa = (reg: DwarfReg, off: number) => cfa.reg === reg && cfa.offset === off;
    switch (op.kind) {
      case 'pushFramePointer':
        if (!isCfa(DW_REG_RSP, 8)) fail('rbp is pushed only on entry, when CFA = rsp+8');
        cfa = { reg: DW_REG_RSP, offset: 16 };
        if (emit) {
          defCfaOffset(w, 16);
          offset(w, DW_REG_RBP, -16);
        }
        break;
      case 'setFramePointer':
        if (!isCfa(DW_REG_RSP, 16)) fail('rbp is set right after it is pushed, when CFA = rsp+16');
        cfa = { reg: DW_REG_RBP, offset: 16 };
        if (emit) defCfaRegister(w, DW_REG_RBP);
        break;
      case 'saveRegister':
        checkSavedGpr(op, fail);
        if (!(Number.isInteger(op.cfaOffset) && op.cfaOffset <= -24 && op.cfaOffset % 8 === 0)) {
          fail(`save slot CFA${op.cfaOffset} is not a multiple of 8 below the saved rbp (CFA-16)`);
        }
        if (emit) offset(w, dwarfGpr(op.reg), op.cfaOffset);
        break;
      case 'restoreRegister':
        checkSavedGpr(op, fail);
        if (emit) restore(w, dwarfGpr(op.reg));
        break;
      case 'popFramePointer':
        if (!isCfa(DW_REG_RBP, 16)) fail('rbp is popped only while CFA = rbp+16');
        cfa = { reg: DW_REG_RSP, offset: 8 };
        if (emit) {
          defCfa(w, DW_REG_RSP, 8);
          restore(w, DW_REG_RBP);
        }
        break;
      case 'rememberState':
        remembered.push(cfa);
        if (emit) rememberState(w);
        break;
      case 'restoreState': {
        const back = remembered.pop();
        if (back === undefined) fail('no rememberState to return to');
        cfa = back!;
        if (emit) restoreState(w);
        break;
      }
      default:
        fail('unknown op');
    }
  });
  if (remembered.length !== 0) throw new Error(`unwind: ${where}: ${remembered.length} rememberState without restoreState`);
}

function checkSavedGpr(op: UnwindOp & { reg: number }, fail: (why: string) => never): void {
  if (!(Number.isInteger(op.reg) && op.reg >= 0 && op.reg < 16)) fail(`${op.reg} is not a general-purpose register`);
  if (op.reg === RSP_GPR || op.reg === RBP_GPR) fail('rsp and rbp have their own ops');
}
