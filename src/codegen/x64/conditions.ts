/**
 * Condition codes: the low nibble of the Jcc/SETcc/CMOVcc opcodes (0x70+cc, 0F 80+cc,
 * 0F 90+cc, 0F 40+cc). Conditions come in pairs that differ only in bit 0, so the
 * negation of a condition is `cc ^ 1`.
 */

export type Cond = number & { readonly __brand: 'Cond' };

const cc = (n: number) => n as Cond;

export const Cond = {
  /** overflow */
  o: cc(0x0),
  no: cc(0x1),
  /** unsigned below (carry) */
  b: cc(0x2),
  /** unsigned above or equal (no carry) */
  ae: cc(0x3),
  e: cc(0x4),
  ne: cc(0x5),
  /** unsigned below or equal */
  be: cc(0x6),
  /** unsigned above */
  a: cc(0x7),
  /** sign */
  s: cc(0x8),
  ns: cc(0x9),
  /** parity: after ucomiss/ucomisd, set when the operands are unordered (a NaN) */
  p: cc(0xa),
  np: cc(0xb),
  /** signed less */
  l: cc(0xc),
  /** signed greater or equal */
  ge: cc(0xd),
  /** signed less or equal */
  le: cc(0xe),
  /** signed greater */
  g: cc(0xf),
} as const;

/** Suffix of the mnemonic (`j`, `set`, `cmov` + suffix), indexed by condition code. */
export const COND_SUFFIX: readonly string[] = [
  'o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g',
];

export function invert(c: Cond): Cond {
  return (c ^ 1) as Cond;
}
