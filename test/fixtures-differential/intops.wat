;; The integer instructions with fixed registers, in the situations that make the baseline
;; tier move values around to satisfy them: shifts and rotates by a register count (rcx)
;; where the count and the shifted value are the same local, or the same computed value,
;; or where rcx already holds a live value; divisions and remainders (rax/rdx) nested in
;; each other, with operands that are constants, locals, or results of other divisions
;; still live, and the traps (by zero, INT_MIN / -1) and the non-trap INT_MIN % -1.
(module
  (func (export "shift_self_i32") (param $a i32) (result i32 i32 i32 i32 i32)
    local.get $a local.get $a i32.shl
    local.get $a local.get $a i32.shr_s
    local.get $a local.get $a i32.shr_u
    local.get $a local.get $a i32.rotl
    local.get $a local.get $a i32.rotr)

  (func (export "shift_self_i64") (param $a i64) (result i64 i64 i64 i64 i64)
    local.get $a local.get $a i64.shl
    local.get $a local.get $a i64.shr_s
    local.get $a local.get $a i64.shr_u
    local.get $a local.get $a i64.rotl
    local.get $a local.get $a i64.rotr)

  ;; The same computed value (in one register) as value and count, via a tee.
  (func (export "shift_tee") (param $a i32) (param $b i64) (result i32 i64)
    local.get $a i32.const 3 i32.mul local.tee $a local.get $a i32.shl
    local.get $a local.get $a i32.rotr i32.xor
    local.get $b i64.const 7 i64.add local.tee $b local.get $b i64.shr_s
    local.get $b local.get $b i64.rotl i64.xor)

  ;; Counts computed into registers while the values and eight others are live, so rcx
  ;; is taken from a live value; counts with bits above the width.
  (func (export "shift_pressure") (param $a i32) (param $b i32) (param $c i64) (result i32 i64)
    local.get $a local.get $b i32.add
    local.get $a local.get $b i32.sub
    local.get $a local.get $b i32.xor
    local.get $a local.get $b i32.or
    local.get $a local.get $b i32.and
    local.get $a local.get $b i32.mul
    local.get $a i32.const 1 i32.add
    local.get $b i32.const 1 i32.add
    local.get $a local.get $b local.get $a i32.add i32.shl
    local.get $b local.get $a local.get $b i32.sub i32.shr_s
    local.get $a local.get $b local.get $b i32.mul i32.rotl
    i32.xor i32.sub i32.rotr i32.shr_u i32.shl i32.add i32.rotl i32.sub i32.shr_s i32.xor
    local.get $c local.get $c i64.const 0x100000040 i64.add i64.shl
    local.get $c i64.const 0xffffffff00000021 i64.shr_u
    local.get $c local.get $a i64.extend_i32_u i64.rotr
    local.get $c local.get $b i64.extend_i32_s i64.rotl
    local.get $c i64.const -1 i64.shr_s
    i64.xor i64.sub i64.xor i64.add)

  ;; Constant counts, including ones that wrap.
  (func (export "shift_consts") (param $a i32) (param $b i64) (result i32 i64)
    local.get $a i32.const 0 i32.shl
    local.get $a i32.const 31 i32.shr_s i32.xor
    local.get $a i32.const 32 i32.shr_u i32.xor
    local.get $a i32.const 33 i32.rotl i32.xor
    local.get $a i32.const -1 i32.rotr i32.xor
    local.get $a i32.const 0x80000005 i32.shl i32.add
    local.get $b i64.const 0 i64.shl
    local.get $b i64.const 63 i64.shr_s i64.xor
    local.get $b i64.const 64 i64.shr_u i64.xor
    local.get $b i64.const 65 i64.rotl i64.xor
    local.get $b i64.const -1 i64.rotr i64.xor
    local.get $b i64.const 0x7fffffff00000003 i64.shl i64.add)

  ;; Nested divisions of every kind; any of them may trap.
  (func (export "div_nested_i32") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $e i32) (result i32)
    local.get $a local.get $b i32.div_u
    local.get $c local.get $d local.get $e i32.div_s i32.rem_s
    i32.div_s
    local.get $e local.get $a i32.rem_u
    i32.sub)

  (func (export "div_nested_i64") (param $a i64) (param $b i64) (param $c i64) (param $d i64) (param $e i64) (result i64)
    local.get $a local.get $b i64.div_u
    local.get $c local.get $d local.get $e i64.div_s i64.rem_s
    i64.div_s
    local.get $e local.get $a i64.rem_u
    i64.sub)

  ;; Divisors that cannot be zero, so most vectors get through, many live values.
  (func (export "div_live") (param $a i32) (param $b i32) (param $c i64) (param $d i64) (result i32 i64)
    local.get $a local.get $b i32.const 1 i32.or i32.div_u
    local.get $b local.get $a i32.const 0x10 i32.or i32.rem_u
    local.get $a local.get $b i32.const 3 i32.or i32.rem_s
    local.get $b local.get $a i32.const 0x40000000 i32.or i32.div_s
    local.get $a local.get $a i32.const 1 i32.or i32.div_u
    local.get $a i32.const 1 i32.or local.get $a i32.const 1 i32.or i32.rem_u
    i32.add i32.sub i32.xor i32.add i32.sub
    local.get $c local.get $d i64.const 1 i64.or i64.div_u
    local.get $d local.get $c i64.const 0x100000000 i64.or i64.rem_u
    local.get $c local.get $d i64.const 3 i64.or i64.rem_s
    local.get $d local.get $c i64.const 0x4000000000000000 i64.or i64.div_s
    local.get $c i64.const 1 i64.or local.get $c i64.const 1 i64.or i64.div_s
    i64.add i64.sub i64.xor i64.add)

  ;; Constant operands on either side: zero, one, minus one, powers of two, i64 constants
  ;; that do not fit in 32 bits.
  (func (export "div_consts_i32") (param $a i32) (result i32 i32 i32 i32 i32 i32 i32 i32)
    local.get $a i32.const -1 i32.rem_s
    local.get $a i32.const 1 i32.div_s
    local.get $a i32.const 7 i32.div_u
    local.get $a i32.const 0x80000000 i32.rem_u
    local.get $a i32.const -8 i32.div_s
    i32.const 0x80000000 local.get $a i32.const 1 i32.or i32.div_s
    i32.const 1000 local.get $a i32.const 1 i32.or i32.rem_u
    i32.const -7 local.get $a i32.const 1 i32.or i32.rem_s)

  (func (export "div_consts_i64") (param $a i64) (result i64 i64 i64 i64 i64 i64 i64 i64)
    local.get $a i64.const -1 i64.rem_s
    local.get $a i64.const 1 i64.div_s
    local.get $a i64.const 0x100000007 i64.div_u
    local.get $a i64.const 0x8000000000000000 i64.rem_u
    local.get $a i64.const -0x80000000 i64.div_s
    i64.const 0x8000000000000000 local.get $a i64.const 1 i64.or i64.div_s
    i64.const 1000000000000 local.get $a i64.const 1 i64.or i64.rem_u
    i64.const -7 local.get $a i64.const 1 i64.or i64.rem_s)

  ;; Traps with constant operands: by zero, and INT_MIN / -1.
  (func (export "div_trap_consts") (param $sel i32) (param $a i32) (param $b i64) (result i64)
    (block $d (block $c (block $b (block $a
      local.get $sel i32.const 7 i32.and
      br_table $a $b $c $d $a $b $c $d)
      local.get $a i32.const 0 i32.div_u i64.extend_i32_u return)
      local.get $a i32.const -1 i32.div_s i64.extend_i32_u return)
      local.get $b i64.const 0 i64.rem_s return)
    local.get $b i64.const -1 i64.div_s)

  ;; The dividend or divisor is the same local as the other, or a division result.
  (func (export "div_self") (param $a i32) (param $b i64) (result i32 i32 i64 i64)
    local.get $a local.get $a i32.div_s
    local.get $a local.get $a i32.rem_u
    local.get $b local.get $b i64.div_u
    local.get $b local.get $b i64.rem_s)

  ;; Counts and divisions mixed: the count of a shift is a quotient, a divisor is a
  ;; shifted value.
  (func (export "shift_div_mix") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b local.get $a i32.const 1 i32.or i32.div_u
    i32.shl
    local.get $b local.get $a local.get $b i32.rotl i32.const 1 i32.or i32.rem_u
    local.get $a local.get $b i32.shr_u i32.const 1 i32.or
    i32.div_u
    i32.xor)

  ;; Bit counting and sign extension on every width.
  (func (export "bits_i32") (param $a i32) (result i32 i32 i32 i32 i32 i32)
    local.get $a i32.clz local.get $a i32.ctz local.get $a i32.popcnt
    local.get $a i32.extend8_s local.get $a i32.extend16_s local.get $a i32.eqz)
  (func (export "bits_i64") (param $a i64) (result i64 i64 i64 i64 i64 i64 i32 i32 i64 i64)
    local.get $a i64.clz local.get $a i64.ctz local.get $a i64.popcnt
    local.get $a i64.extend8_s local.get $a i64.extend16_s local.get $a i64.extend32_s
    local.get $a i64.eqz local.get $a i32.wrap_i64
    local.get $a i32.wrap_i64 i64.extend_i32_s local.get $a i32.wrap_i64 i64.extend_i32_u)
)
