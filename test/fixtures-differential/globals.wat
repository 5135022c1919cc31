;; Globals of every numeric type: imported from another compiled module (mutable ones
;; through a pointer in vmctx, immutable ones too) and defined here (mutable and immutable,
;; some initialized from imported ones), read and written from constants of every shape,
;; from locals, from computed values in registers, with many other values live, and
;; copied between imported and defined cells. The state carries over from one invocation
;; to the next, in the same order in V8 and in our pipeline.
(module
  (import "gx" "mi32" (global $xi32 (mut i32)))
  (import "gx" "mi64" (global $xi64 (mut i64)))
  (import "gx" "mf32" (global $xf32 (mut f32)))
  (import "gx" "mf64" (global $xf64 (mut f64)))
  (import "gx" "ci32" (global $ci32 i32))
  (import "gx" "ci64" (global $ci64 i64))
  (import "gx" "cf32" (global $cf32 f32))
  (import "gx" "cf64" (global $cf64 f64))
  (global $di32 (mut i32) (global.get $ci32))
  (global $di64 (mut i64) (i64.const -0x80000001))
  (global $df32 (mut f32) (f32.const nan:0x200000))
  (global $df64 (mut f64) (global.get $cf64))
  (global $ki32 i32 (i32.const 0x80000000))
  (global $ki64 i64 (global.get $ci64))
  (global $kf32 f32 (global.get $cf32))
  (global $kf64 f64 (f64.const -0x1p-1074))

  (func (export "get_all") (result i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64)
    global.get $xi32 global.get $xi64 global.get $xf32 global.get $xf64
    global.get $ci32 global.get $ci64 global.get $cf32 global.get $cf64
    global.get $di32 global.get $di64 global.get $df32 global.get $df64
    global.get $ki32 global.get $ki64 global.get $kf32 global.get $kf64)

  ;; From constants, chosen by a br_table.
  (func (export "set_consts") (param $sel i32)
    (block $d (block $c (block $b (block $a
      local.get $sel i32.const 3 i32.and
      br_table $a $b $c $d)
      i32.const -1 global.set $xi32
      i64.const 0x7fffffffffffffff global.set $xi64
      f32.const nan:0x7fffff global.set $xf32
      f64.const -0 global.set $xf64
      i32.const 0x12345678 global.set $di32
      i64.const 0xffffffff global.set $di64
      f32.const -inf global.set $df32
      f64.const nan:0x8000000000001 global.set $df64
      return)
      i32.const 0 global.set $xi32
      i64.const -0x80000000 global.set $xi64
      f32.const 0x1p-149 global.set $xf32
      f64.const -nan:0x1 global.set $xf64
      i32.const 0x80000000 global.set $di32
      i64.const 0x100000000 global.set $di64
      f32.const -0 global.set $df32
      f64.const 0x1.fffffffffffffp+1023 global.set $df64
      return)
      i32.const 1 global.set $xi32 i32.const 2 global.set $di32
      i64.const 1 global.set $xi64 i64.const 2 global.set $di64
      return)
    f32.const 0 global.set $xf32 f64.const 0 global.set $xf64
    f32.const 1 global.set $df32 f64.const 1 global.set $df64)

  ;; From parameters and computed values (exact operations only).
  (func (export "set_computed") (param $a i32) (param $b i64) (param $c f32) (param $d f64)
    local.get $a global.set $xi32
    local.get $b local.get $a i64.extend_i32_s i64.add global.set $xi64
    local.get $c f32.neg global.set $xf32
    local.get $d global.set $xf64
    global.get $xi32 local.get $a i32.const 5 i32.rotl i32.xor global.set $di32
    local.get $b i64.const 0x100000001 i64.mul global.set $di64
    local.get $a f32.reinterpret_i32 local.get $c f32.copysign global.set $df32
    local.get $d f64.abs global.set $df64)

  ;; global.set while many values are live, reading globals into the same expression.
  (func (export "set_under_pressure") (param $a i32) (param $b i64) (result i64)
    global.get $xi64 global.get $di64 global.get $ki64 global.get $ci64
    local.get $b i64.const 3 i64.mul local.get $b i64.const 5 i64.rotl
    global.get $xi32 i64.extend_i32_u global.get $di32 i64.extend_i32_s global.get $ki32 i64.extend_i32_u
    local.get $a i64.extend_i32_u
    local.get $b local.get $a i64.extend_i32_u i64.xor global.set $xi64
    local.get $a global.get $di32 i32.add global.set $di32
    global.get $xi64 global.set $di64
    local.get $a i32.const 1 i32.add global.set $xi32
    i64.add i64.sub i64.xor i64.add i64.sub i64.xor i64.add i64.sub i64.add
    global.get $xi64 i64.xor global.get $di64 i64.add)

  ;; Values copied around: imported <-> defined, through the stack only.
  (func (export "rotate")
    global.get $xi32 global.get $di32 global.set $xi32 global.set $di32
    global.get $xi64 global.get $di64 global.set $xi64 global.set $di64
    global.get $xf32 global.get $df32 global.set $xf32 global.set $df32
    global.get $xf64 global.get $df64 global.set $xf64 global.set $df64
    global.get $kf32 global.get $cf32 f32.copysign global.set $df32
    global.get $kf64 global.get $xf64 f64.copysign global.set $xf64)

  ;; A loop that accumulates into a global, reading and writing it on every iteration.
  (func (export "accumulate") (param $n i32) (result i64)
    local.get $n i32.const 15 i32.and local.set $n
    (block $done (loop $l
      local.get $n i32.eqz br_if $done
      global.get $di64 i64.const 0x9e3779b97f4a7c15 i64.mul global.get $xi32 i64.extend_i32_u i64.add global.set $di64
      global.get $xi32 i32.const 1 i32.add global.set $xi32
      local.get $n i32.const 1 i32.sub local.set $n
      br $l))
    global.get $di64)
)
