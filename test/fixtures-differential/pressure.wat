;; Register pressure: more live values than the baseline tier has registers to cache them
;; in (8 allocatable GPRs, 15 XMMs), so values are spilled round robin while others are
;; computed, and the instructions with fixed registers (shift counts in rcx, division in
;; rax/rdx) must evict live values to take them. Every fold is non-commutative, so a value
;; read from the wrong register or slot changes the result.
(module
  ;; 16 live i32 values, a shift by a register count and a division while 10+ are live.
  (func (export "i32_wide") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result i32)
    local.get $a i32.const 3 i32.mul
    local.get $b local.get $c i32.add
    local.get $c i32.const 0x5a5a i32.xor
    local.get $d local.get $a i32.sub
    local.get $a local.get $b i32.or
    local.get $b local.get $d i32.and
    local.get $c i32.const 7 i32.rotl
    local.get $d local.get $c i32.mul
    local.get $a i32.clz
    local.get $b i32.popcnt
    local.get $c local.get $d i32.shl
    local.get $d local.get $b i32.shr_s
    local.get $a local.get $b i32.const 1 i32.or i32.div_u
    local.get $c local.get $d i32.const 3 i32.or i32.rem_s
    local.get $a local.get $c i32.rotr
    local.get $d i32.ctz
    i32.sub i32.xor i32.sub i32.add i32.rotl i32.sub i32.xor i32.sub
    i32.mul i32.sub i32.shr_u i32.sub i32.xor i32.sub i32.add)

  ;; The same with divisions that may trap (by zero, INT_MIN / -1) while 12 values are live.
  (func (export "i32_wide_trap") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result i32)
    local.get $a local.get $b i32.add
    local.get $b local.get $c i32.sub
    local.get $c local.get $d i32.xor
    local.get $d local.get $a i32.mul
    local.get $a i32.const 0xff i32.and
    local.get $b i32.const 5 i32.shr_u
    local.get $c local.get $a i32.shl
    local.get $d local.get $c i32.rotl
    local.get $a local.get $d i32.rem_u
    local.get $b local.get $c i32.div_s
    local.get $c local.get $d i32.rem_s
    local.get $d local.get $b i32.div_u
    i32.sub i32.sub i32.xor i32.sub i32.add i32.sub i32.rotr i32.sub i32.xor i32.sub i32.sub)

  ;; 16 live i64 values, with constants that do and do not fit in 32 bits.
  (func (export "i64_wide") (param $a i64) (param $b i64) (param $c i64) (param $d i64) (result i64)
    local.get $a i64.const 0x123456789 i64.mul
    local.get $b local.get $c i64.add
    local.get $c i64.const -0x80000000 i64.xor
    local.get $d local.get $a i64.sub
    local.get $a i64.const 0xffffffff i64.and
    local.get $b local.get $d i64.or
    local.get $c i64.const 13 i64.rotl
    local.get $d local.get $c i64.mul
    local.get $a i64.clz
    local.get $b i64.popcnt
    local.get $c local.get $d i64.shl
    local.get $d local.get $b i64.shr_s
    local.get $a local.get $b i64.const 1 i64.or i64.div_u
    local.get $c local.get $d i64.const 3 i64.or i64.rem_s
    local.get $a local.get $c i64.rotr
    local.get $d i64.ctz
    i64.sub i64.xor i64.sub i64.add i64.rotl i64.sub i64.xor i64.sub
    i64.mul i64.sub i64.shr_u i64.sub i64.xor i64.sub i64.add)

  (func (export "i64_wide_trap") (param $a i64) (param $b i64) (param $c i64) (param $d i64) (result i64)
    local.get $a local.get $b i64.add
    local.get $b local.get $c i64.sub
    local.get $c local.get $d i64.xor
    local.get $d local.get $a i64.mul
    local.get $a i64.const 0x7fffffffffff i64.and
    local.get $b i64.const 17 i64.shr_u
    local.get $c local.get $a i64.shl
    local.get $d local.get $c i64.rotl
    local.get $a local.get $d i64.rem_u
    local.get $b local.get $c i64.div_s
    local.get $c local.get $d i64.rem_s
    local.get $d local.get $b i64.div_u
    i64.sub i64.sub i64.xor i64.sub i64.add i64.sub i64.rotr i64.sub i64.xor i64.sub i64.sub)

  ;; 20 live f64 values (15 XMMs), folded by non-commutative operations.
  (func (export "f64_wide") (param $a f64) (param $b f64) (param $c f64) (param $d f64) (result f64)
    local.get $a local.get $b f64.add
    local.get $b local.get $c f64.sub
    local.get $c local.get $d f64.mul
    local.get $d local.get $a f64.div
    local.get $a f64.sqrt
    local.get $b f64.neg
    local.get $c f64.abs
    local.get $d f64.floor
    local.get $a f64.ceil
    local.get $b f64.trunc
    local.get $c f64.nearest
    local.get $d local.get $a f64.min
    local.get $a local.get $b f64.max
    local.get $b local.get $c f64.copysign
    local.get $c f64.const 1.5 f64.mul
    local.get $d f64.const -0.25 f64.add
    local.get $a local.get $d f64.sub
    local.get $b f64.const 3 f64.div
    local.get $c local.get $c f64.mul
    local.get $d local.get $b f64.add
    f64.sub f64.div f64.sub f64.add f64.sub f64.mul f64.sub f64.div f64.sub f64.add
    f64.sub f64.max f64.sub f64.min f64.sub f64.add f64.sub f64.div f64.sub)

  ;; 18 live f32 values.
  (func (export "f32_wide") (param $a f32) (param $b f32) (param $c f32) (param $d f32) (result f32)
    local.get $a local.get $b f32.add
    local.get $b local.get $c f32.sub
    local.get $c local.get $d f32.mul
    local.get $d local.get $a f32.div
    local.get $a f32.sqrt
    local.get $b f32.neg
    local.get $c f32.abs
    local.get $d f32.floor
    local.get $a f32.ceil
    local.get $b f32.trunc
    local.get $c f32.nearest
    local.get $d local.get $a f32.min
    local.get $a local.get $b f32.max
    local.get $b local.get $c f32.copysign
    local.get $c f32.const 1.5 f32.mul
    local.get $d f32.const -0.25 f32.add
    local.get $a local.get $d f32.sub
    local.get $b f32.const 3 f32.div
    f32.sub f32.div f32.sub f32.add f32.sub f32.mul f32.sub f32.div f32.sub f32.add
    f32.sub f32.max f32.sub f32.min f32.sub f32.add f32.sub)

  ;; 12 i64 and 12 f64 values alternating on the stack, folded through conversions so both
  ;; register classes are full at once.
  (func (export "mixed_wide") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64)
    local.get $a i64.const 7 i64.mul              local.get $b local.get $b f64.mul
    local.get $c i64.extend_i32_s                 local.get $d f64.promote_f32
    local.get $a local.get $c i64.extend_i32_u i64.add   local.get $b f64.const 2 f64.sub
    local.get $a i64.const 3 i64.shr_s            local.get $c f64.convert_i32_s
    local.get $c i32.const 1 i32.or i64.extend_i32_u local.get $d f32.sqrt f64.promote_f32
    local.get $a i64.popcnt                       local.get $a f64.convert_i64_u
    local.get $b i64.trunc_sat_f64_s              local.get $c f64.convert_i32_u
    local.get $d i64.trunc_sat_f32_u              local.get $b f64.neg
    local.get $a local.get $a i64.mul             local.get $a f64.convert_i64_s
    local.get $c i32.popcnt i64.extend_i32_u      local.get $d local.get $d f32.add f64.promote_f32
    local.get $a i64.const 0xfffffffff i64.xor    local.get $b f64.sqrt
    local.get $c i32.clz i64.extend_i32_u         local.get $b local.get $b f64.add
    ;; fold: f64 -> i64, xor; i64 -> f64, add into the next f64, and so on
    i64.trunc_sat_f64_s i64.xor f64.convert_i64_s f64.add
    i64.trunc_sat_f64_s i64.sub f64.convert_i64_s f64.sub
    i64.trunc_sat_f64_s i64.xor f64.convert_i64_s f64.add
    i64.trunc_sat_f64_s i64.add f64.convert_i64_u f64.mul
    i64.trunc_sat_f64_u i64.xor f64.convert_i64_s f64.div
    i64.trunc_sat_f64_s i64.sub f64.convert_i64_s f64.add
    i64.trunc_sat_f64_s i64.xor f64.convert_i64_s f64.sub
    i64.trunc_sat_f64_s i64.add f64.convert_i64_s f64.add
    i64.trunc_sat_f64_s i64.xor f64.convert_i64_s f64.min
    i64.trunc_sat_f64_s i64.sub f64.convert_i64_s f64.max
    i64.trunc_sat_f64_s i64.xor f64.convert_i64_s f64.add
    i64.trunc_sat_f64_s i64.sub)

  ;; 24 locals of four types, read many times into one expression inside a loop that
  ;; rewrites them (local.tee) while older reads are still on the stack.
  (func (export "locals_loop") (param $n i32) (param $x i64) (param $y f64) (result i64 f64)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $i4 i32) (local $i5 i32)
    (local $l0 i64) (local $l1 i64) (local $l2 i64) (local $l3 i64) (local $l4 i64) (local $l5 i64)
    (local $f0 f32) (local $f1 f32) (local $f2 f32) (local $f3 f32) (local $f4 f32) (local $f5 f32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64) (local $d4 f64) (local $d5 f64)
    local.get $x local.set $l0
    local.get $y local.set $d0
    local.get $n i32.const 15 i32.and local.set $n
    (block $done
      (loop $top
        local.get $n i32.eqz br_if $done
        ;; integers: every local read, the oldest reads outliving the tees
        local.get $i0 local.get $i1 local.get $i2 local.get $i3 local.get $i4 local.get $i5
        local.get $n local.get $i0 i32.add local.tee $i0
        local.get $i5 i32.const 0x9e37 i32.mul local.tee $i1
        i32.xor local.tee $i2
        i32.add i32.xor i32.sub i32.add i32.xor i32.sub local.set $i3
        local.get $i3 i32.const 1 i32.rotl local.set $i4
        local.get $i4 local.get $i2 i32.sub local.set $i5
        local.get $l0 local.get $l1 local.get $l2 local.get $l3 local.get $l4 local.get $l5
        local.get $l0 i64.const 0x100000001 i64.mul local.tee $l0
        local.get $i3 i64.extend_i32_u local.get $l5 i64.add local.tee $l1
        i64.sub local.tee $l2
        i64.add i64.xor i64.sub i64.add i64.xor i64.sub local.set $l3
        local.get $l3 i64.const 7 i64.rotr local.set $l4
        local.get $l4 local.get $l1 i64.xor local.set $l5
        ;; floats: 12 reads live at once, then rewritten
        local.get $f0 local.get $f1 local.get $f2 local.get $f3 local.get $f4 local.get $f5
        local.get $d0 local.get $d1 local.get $d2 local.get $d3 local.get $d4 local.get $d5
        local.get $d0 f64.const 0.5 f64.mul local.get $i4 f64.convert_i32_s f64.add local.tee $d0
        f64.add f64.sub f64.add f64.sub f64.add f64.sub local.tee $d1
        f32.demote_f64 local.tee $f0
        f32.add f32.sub f32.add f32.sub f32.add f32.sub local.tee $f1
        f64.promote_f32 local.get $d1 f64.sub local.set $d2
        local.get $d2 local.get $d0 f64.min local.set $d3
        local.get $d3 local.get $d1 f64.max local.set $d4
        local.get $d4 local.get $d2 f64.add local.set $d5
        local.get $f1 local.get $f0 f32.mul local.set $f2
        local.get $f2 local.get $f1 f32.sub local.set $f3
        local.get $f3 f32.sqrt local.set $f4
        local.get $f4 local.get $f3 f32.add local.set $f5
        local.get $n i32.const 1 i32.sub local.set $n
        br $top))
    local.get $l5 local.get $i5 i64.extend_i32_s i64.xor local.get $l3 i64.add
    local.get $d5 local.get $f5 f64.promote_f32 f64.add local.get $d3 f64.sub)
)
