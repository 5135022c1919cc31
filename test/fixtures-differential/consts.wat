;; Constants of every shape in every position the baseline tier treats specially: as
;; immediates (i64 constants that do and do not fit a sign-extended imm32), materialized
;; into registers (f32/f64 zero by xorps, others through a scratch GPR), stored to locals
;; and memory, passed as call arguments in registers and on the stack (one 8-byte store, or
;; two halves), returned alone (rax/xmm0) and as several results (the results area), and
;; fed to conversions. Float constants include -0, infinities, subnormals and NaNs with
;; payloads, quiet and signalling, which must arrive bit for bit.
(module
  (memory 1)

  (func (export "i64_imm") (param $a i64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get $a i64.const 0x7fffffff i64.add
    local.get $a i64.const 0x80000000 i64.add
    local.get $a i64.const -0x80000000 i64.sub
    local.get $a i64.const -0x80000001 i64.sub
    local.get $a i64.const 0xffffffff i64.and
    local.get $a i64.const 0xffffffff00000000 i64.and
    local.get $a i64.const 0x100000000 i64.or
    local.get $a i64.const -0x100 i64.or
    local.get $a i64.const 0x8000000000000000 i64.xor
    local.get $a i64.const -1 i64.xor
    local.get $a i64.const 0x7fffffff i64.mul
    local.get $a i64.const 0x1234567890 i64.mul)

  (func (export "i32_imm") (param $a i32) (result i32 i32 i32 i32 i32 i32 i32 i32)
    local.get $a i32.const 0x7fffffff i32.add
    local.get $a i32.const 0x80000000 i32.sub
    local.get $a i32.const -1 i32.and
    local.get $a i32.const 0xffff0000 i32.or
    local.get $a i32.const 0x80000000 i32.xor
    local.get $a i32.const -3 i32.mul
    i32.const 0x80000000 local.get $a i32.sub
    i32.const -1 local.get $a i32.mul)

  ;; Comparisons with constant operands, the results in registers (not fused).
  (func (export "cmp_imm") (param $a i64) (param $b i32) (result i32)
    local.get $a i64.const 0x80000000 i64.lt_u
    local.get $a i64.const -0x80000000 i64.lt_s i32.const 1 i32.shl i32.or
    local.get $a i64.const 0xffffffff i64.eq i32.const 2 i32.shl i32.or
    local.get $a i64.const 0x100000000 i64.ge_u i32.const 3 i32.shl i32.or
    local.get $a i64.const 0x8000000000000000 i64.gt_s i32.const 4 i32.shl i32.or
    local.get $a i64.const -1 i64.ne i32.const 5 i32.shl i32.or
    local.get $b i32.const 0x80000000 i32.le_u i32.const 6 i32.shl i32.or
    local.get $b i32.const -1 i32.gt_s i32.const 7 i32.shl i32.or
    i64.const 0x100000000 local.get $a i64.le_s i32.const 8 i32.shl i32.or
    i32.const 0x7fffffff local.get $b i32.lt_s i32.const 9 i32.shl i32.or)

  ;; Several results, all constants.
  (func (export "ret_consts") (result i32 i64 f32 f64 f32 f64 f32 f64 i64 i64 i32 f32 f64 f32 f64)
    i32.const 0x80000000
    i64.const 0x123456789abcdef0
    f32.const nan:0x200000
    f64.const -nan:0x4000000000001
    f32.const -0
    f64.const -0
    f32.const inf
    f64.const -inf
    i64.const -0x80000000
    i64.const 0x80000000
    i32.const -1
    f32.const 0
    f64.const 0
    f32.const -nan:0x1
    f64.const 0x1p-1074)

  ;; One constant result, chosen by a br_table.
  (func (export "ret_f32") (param $sel i32) (result f32)
    (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 7 i32.and
      br_table $0 $1 $2 $3 $4 $5)
      f32.const 0 return)
      f32.const -0 return)
      f32.const nan:0x1 return)
      f32.const -nan return)
      f32.const 0x1p-149 return)
    f32.const -inf)
  (func (export "ret_f64") (param $sel i32) (result f64)
    (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 7 i32.and
      br_table $0 $1 $2 $3 $4 $5)
      f64.const 0 return)
      f64.const -0 return)
      f64.const nan:0x1 return)
      f64.const -nan:0xfffffffffffff return)
      f64.const 0x1.fffffffffffffp+1023 return)
    f64.const 0x1p-1022)
  (func (export "ret_i64") (param $sel i32) (result i64)
    (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 7 i32.and
      br_table $0 $1 $2 $3 $4)
      i64.const 0 return)
      i64.const -1 return)
      i64.const 0x80000000 return)
      i64.const 0xffffffff00000000 return)
    i64.const 0x8000000000000000)

  ;; Constants as arguments: 7 integers and 9 floats, so some of each go on the stack.
  (func $sum (param i32 i64 f32 f64 i64 i32 f64 f32 i64 f64 f32 i64 f64 f32 i32 f64) (result i64)
    local.get 0 i64.extend_i32_u
    local.get 1 i64.xor i64.const 7 i64.rotl
    local.get 2 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 3 i64.reinterpret_f64 i64.xor i64.const 7 i64.rotl
    local.get 4 i64.xor i64.const 7 i64.rotl
    local.get 5 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 6 i64.reinterpret_f64 i64.xor i64.const 7 i64.rotl
    local.get 7 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 8 i64.xor i64.const 7 i64.rotl
    local.get 9 i64.reinterpret_f64 i64.xor i64.const 7 i64.rotl
    local.get 10 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 11 i64.xor i64.const 7 i64.rotl
    local.get 12 i64.reinterpret_f64 i64.xor i64.const 7 i64.rotl
    local.get 13 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 14 i64.extend_i32_u i64.xor i64.const 7 i64.rotl
    local.get 15 i64.reinterpret_f64 i64.xor)
  (func (export "pass_consts") (param $x i32) (result i64)
    i32.const 0x80000000 i64.const 0x123456789abcdef0 f32.const nan:0x200000 f64.const -0
    i64.const -0x80000000 i32.const -1 f64.const nan:0x8000000000001 f32.const -0
    i64.const 0xffffffff f64.const -nan:0x1 f32.const inf i64.const 0x8000000000000000
    f64.const 0x1p-1074 f32.const -nan:0x7fffff i32.const 0 f64.const 0
    call $sum
    local.get $x i64.const 0x7fffffff00000000 f32.const 0 local.get $x f64.convert_i32_s
    i64.const 0 local.get $x f64.const -inf f32.const 0x1p-149
    i64.const -2 f64.const 0 f32.const -0 i64.const 0x100000000
    f64.const nan f32.const 0 local.get $x f64.const -nan:0x1
    call $sum
    i64.xor)

  ;; Constants into locals (local.set, local.tee) of every type, then read.
  (func (export "local_consts") (param $x i32) (result i32 i64 f32 f64 i64 f64 f32)
    (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $e i64) (local $f f64) (local $g f32)
    i32.const -2 local.set $a
    i64.const 0xfedcba9876543210 local.set $b
    f32.const nan:0x12345 local.set $c
    f64.const -nan:0x4000000000001 local.set $d
    i64.const -0x80000000 local.tee $e drop
    f64.const -0 local.tee $f drop
    local.get $x i32.eqz
    if
      f32.const inf local.set $g
      i64.const 0x80000000 local.set $e
    end
    local.get $a local.get $b local.get $c local.get $d local.get $e local.get $f local.get $g)

  ;; Float constants stored to memory and read back as integers.
  (func (export "store_float_consts") (param $a i32) (result i32 i64 i32 i64 i32 i64)
    local.get $a i32.const 0xfff0 i32.and local.set $a
    local.get $a f32.const nan:0x200000 f32.store
    local.get $a f64.const -nan:0x4000000000001 f64.store offset=4
    i32.const 100 f32.const -0 f32.store
    i32.const 104 f64.const -inf f64.store
    local.get $a f32.const 0x1p-149 f32.store offset=12
    local.get $a f64.const -0x1p-1074 f64.store offset=16
    local.get $a i32.load local.get $a i64.load offset=4
    i32.const 100 i32.load i32.const 104 i64.load
    local.get $a i32.load offset=12 local.get $a i64.load offset=16)

  ;; Conversions and reinterpretations of constants.
  (func (export "convert_consts") (result i32 i64 f64 f32 i64 i32 f32 f64 i32 i64)
    f32.const 3e9 i32.trunc_sat_f32_s
    f64.const -1e300 i64.trunc_sat_f64_u
    i64.const -1 f64.convert_i64_u
    f64.const 1e300 f32.demote_f64
    f64.const -nan:0x1 i64.reinterpret_f64
    f32.const -nan:0x200000 i32.reinterpret_f32
    i32.const 0x7fa00000 f32.reinterpret_i32
    i64.const 0xfff0000000000001 f64.reinterpret_i64
    f64.const -2147483648.9 i32.trunc_f64_s
    f32.const 0x1.fffffep+62 i64.trunc_f32_s)

  ;; Conversions of constants that trap.
  (func (export "trap_consts") (param $sel i32) (result i64)
    (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 3 i32.and
      br_table $0 $1 $2 $3)
      f32.const nan i32.trunc_f32_s i64.extend_i32_s return)
      f64.const -1 i64.trunc_f64_u return)
      f64.const 2147483648 i32.trunc_f64_s i64.extend_i32_s return)
    f32.const 0x1p63 i64.trunc_f32_s)

  ;; Select and float arithmetic with constant operands.
  (func (export "float_const_ops") (param $a f32) (param $b f64) (param $c i32) (result f32 f64 f32 f64 f32 f64)
    f32.const nan:0x1 local.get $a local.get $c select
    local.get $b f64.const -nan:0x1 local.get $c select
    f32.const -0 local.get $a f32.copysign
    local.get $b f64.const -0 f64.copysign
    local.get $a f32.const -0 f32.min
    local.get $b f64.const 0x1p-1074 f64.mul)
)
