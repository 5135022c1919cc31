/** Reads back a function table and its names blob (src/abi/func-table.ts), for the link tests. */
import { FUNC_INFO, NO_NAME } from '../../src/abi/index.js';

export function decodeFuncTableForTest(table: Uint8Array, names: Uint8Array): { textOffset: number; size: number; name: string | undefined }[] {
  const view = new DataView(table.buffer, table.byteOffset, table.length);
  const at = (name: string) => FUNC_INFO.fields.find((f) => f.name === name)!.offset;
  const out = [];
  for (let i = 0; i < table.length; i += FUNC_INFO.size) {
    const nameOffset = view.getUint32(i + at('name_offset'), true);
    const end = names.indexOf(0, nameOffset);
    out.push({
      textOffset: view.getUint32(i + at('text_offset'), true),
      size: view.getUint32(i + at('size'), true),
      name: nameOffset === NO_NAME ? undefined : new TextDecoder().decode(names.subarray(nameOffset, end)),
    });
  }
  return out;
}
