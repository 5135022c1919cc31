/**
 * The one Common Information Entry that every FDE of the section shares (LSB 5.0 "Exception
 * Frames", .eh_frame flavour of DWARF's CIE):
 *
 *   u32   length            of the rest of the record, padding included
 *   u32   CIE id            0 (it is what tells a CIE from an FDE in .eh_frame)
 *   u8    version           1
 *   str   augmentation      "zR": augmentation data follows; it holds the FDE pointer encoding
 *   uleb  code alignment    1
 *   sleb  data alignment    -8
 *   u8    return address    16 (version 1 has a byte here, not a ULEB128)
 *   uleb  augmentation data length, then the data: 0x1b = DW_EH_PE_pcrel | DW_EH_PE_sdata4
 *   initial instructions    DW_CFA_def_cfa rsp, 8; DW_CFA_offset RA, cfa-8
 *   DW_CFA_nop padding      to a multiple of 8 bytes
 *
 * The initial instructions are the state at a function's first instruction, right after
 * the `call` that entered it: the return address on top of the stack.
 */
import { CODE_ALIGN, DATA_ALIGN, defCfa, offset, padWithNops } from './cfa.js';
import { DW_REG_RA, DW_REG_RSP } from './registers.js';
import type { ByteWriter } from './writer.js';

export const DW_EH_PE_sdata4 = 0x0b;
export const DW_EH_PE_pcrel = 0x10;
/** How FDEs encode pc_begin (and, through the same "R" encoding, pc_range's width). */
export const FDE_POINTER_ENCODING = DW_EH_PE_pcrel | DW_EH_PE_sdata4;

/** Records are padded to the size of a pointer. */
export const RECORD_ALIGN = 8;

/** Appends the CIE; returns its offset, which every FDE's CIE pointer refers to. */
export function writeCie(w: ByteWriter): number {
  const start = w.length;
  w.u32(0); // length, patched below
  w.u32(0); // CIE id
  w.u8(1); // version
  for (const c of 'zR') w.u8(c.charCodeAt(0));
  w.u8(0);
  w.uleb128(CODE_ALIGN);
  w.sleb128(DATA_ALIGN);
  w.u8(DW_REG_RA);
  w.uleb128(1); // augmentation data length
  w.u8(FDE_POINTER_ENCODING);
  defCfa(w, DW_REG_RSP, 8);
  offset(w, DW_REG_RA, -8);
  padWithNops(w, start, RECORD_ALIGN);
  w.patchU32(start, w.length - start - 4);
  return start;
}
