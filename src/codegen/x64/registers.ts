/**
 * x86-64 registers as branded numbers: the hardware number (0..15) is the value, and the
 * brand keeps general-purpose and xmm registers apart at compile time, so passing an xmm
 * register where the encoder expects a GPR is a type error, not a wrong instruction.
 *
 * The low three bits of a register number go into ModRM/SIB/opcode fields; bit 3 goes into
 * REX.R, REX.X or REX.B (see encoding.ts).
 */

export type Gpr = number & { readonly __brand: 'Gpr' };
export type Xmm = number & { readonly __brand: 'Xmm' };

const gpr = (n: number) => n as Gpr;
const xmm = (n: number) => n as Xmm;

export const rax = gpr(0);
export const rcx = gpr(1);
export const rdx = gpr(2);
export const rbx = gpr(3);
export const rsp = gpr(4);
export const rbp = gpr(5);
export const rsi = gpr(6);
export const rdi = gpr(7);
export const r8 = gpr(8);
export const r9 = gpr(9);
export const r10 = gpr(10);
export const r11 = gpr(11);
export const r12 = gpr(12);
export const r13 = gpr(13);
export const r14 = gpr(14);
export const r15 = gpr(15);

export const xmm0 = xmm(0);
export const xmm1 = xmm(1);
export const xmm2 = xmm(2);
export const xmm3 = xmm(3);
export const xmm4 = xmm(4);
export const xmm5 = xmm(5);
export const xmm6 = xmm(6);
export const xmm7 = xmm(7);
export const xmm8 = xmm(8);
export const xmm9 = xmm(9);
export const xmm10 = xmm(10);
export const xmm11 = xmm(11);
export const xmm12 = xmm(12);
export const xmm13 = xmm(13);
export const xmm14 = xmm(14);
export const xmm15 = xmm(15);

/** Operand width of a general-purpose instruction, in bits. */
export type Width = 32 | 64;
/** Width of a memory access or register part, in bits. */
export type Size = 8 | 16 | 32 | 64;

const NAMES_64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const NAMES_32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const NAMES_16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
// With any REX prefix, byte registers 4..7 are spl/bpl/sil/dil, never ah/ch/dh/bh.
const NAMES_8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];

/** The Intel name of a GPR at a given size (`rax`, `r8d`, `sil`, ...), for listings. */
export function gprName(r: Gpr, size: Size = 64): string {
  if (r < 8) {
    const names = size === 64 ? NAMES_64 : size === 32 ? NAMES_32 : size === 16 ? NAMES_16 : NAMES_8;
    return names[r]!;
  }
  return `r${r}${size === 64 ? '' : size === 32 ? 'd' : size === 16 ? 'w' : 'b'}`;
}

export function xmmName(r: Xmm): string {
  return `xmm${r}`;
}
