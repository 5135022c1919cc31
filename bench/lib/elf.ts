/** Sizes read from an ELF64 little-endian object: the whole file and its code. */

const SHF_EXECINSTR = 0x4;

export interface ObjectSize {
  /** The object file, bytes. */
  file: number;
  /** All executable sections (.text and any .text.*), bytes. */
  code: number;
}

export function objectSize(bytes: Uint8Array): ObjectSize {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== 0x7f454c46 || bytes[4] !== 2 || bytes[5] !== 1) throw new Error('elf: not an ELF64 LE object');
  const shoff = Number(view.getBigUint64(0x28, true));
  const shentsize = view.getUint16(0x3a, true);
  const shnum = view.getUint16(0x3c, true);
  let code = 0;
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + i * shentsize;
    const flags = view.getBigUint64(sh + 8, true);
    if ((flags & BigInt(SHF_EXECINSTR)) !== 0n) code += Number(view.getBigUint64(sh + 32, true));
  }
  return { file: bytes.length, code };
}
