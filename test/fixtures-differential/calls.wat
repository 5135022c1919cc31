;; Calls with more parameters than argument registers (10 i64 + 10 f64 + 4 i32 + 4 f32,
;; interleaved: 5 integer and 8 float registers, the rest on the stack), with several
;; results of mixed types (through the results area), between functions of this module,
;; to an imported compiled module's functions, and through call_indirect (with the
;; signature, null and bounds checks). Arguments come from constants, locals, registers
;; and nested calls; results are consumed from blocks, ifs and loops. Checksums are
;; order-sensitive and use only exact operations on the bits, so NaN payloads count.
(module
  (type $big (func (param i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i64 f64) (result i64)))
  (type $bigr (func (param i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i64 f64) (result i64 f64 i32 f32 i64 f64 i32)))
  (type $multi (func (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)))
  (type $small (func (param i64) (result i64)))
  (import "callee" "many_x" (func $many_x (type $big)))
  (import "callee" "many_r_x" (func $many_r_x (type $bigr)))
  (import "callee" "multi_x" (func $multi_x (type $multi)))
  ;; The imports re-exported: the host calls them through this module's exports.
  (export "many_x_re" (func $many_x))
  (export "multi_x_re" (func $multi_x))
  (table 12 funcref)
  (elem (i32.const 0) $many $many2 $many_x $small $many_r $many_r_x $multi $multi_x $multi2)
  ;; 9: null, 10: null, 11: null; 12 and above: out of bounds
  (func $many (export "many") (type $big)
    i64.const 0x1234
    i64.const 5 i64.rotl local.get 0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 6 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 8 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 9 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 12 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 13 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 14 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 15 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 16 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 17 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 18 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 19 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 20 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 21 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 22 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 23 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 24 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 25 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 26 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 27 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul)
  (func $many2 (export "many2") (type $big)
    i64.const 0x77
    i64.const 11 i64.rotl local.get 27 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 26 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 25 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 24 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 23 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 22 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 21 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 20 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 19 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 18 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 17 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 16 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 15 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 14 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 13 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 12 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 9 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 8 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 6 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 11 i64.rotl local.get 0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul)
  (func $small (export "small") (type $small) local.get 0 i64.const 1 i64.add)
  (func $many_r (export "many_r") (type $bigr)
    i64.const 0x4321
    i64.const 5 i64.rotl local.get 0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 6 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 8 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 9 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 12 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 13 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 14 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 15 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 16 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 17 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 18 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 19 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 20 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 21 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 22 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 23 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 24 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 25 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 26 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 27 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    local.get 27 local.get 2 local.get 3 local.get 24 i64.const 1 i64.shl local.get 1 f64.abs local.get 20 local.get 8 i32.xor)
  (func $multi (export "multi") (type $multi)
    local.get 0
    local.get 1
    local.get 2
    local.get 3
    local.get 0 i32.const 0x5a5a5a5a i32.xor
    local.get 1 local.get 4 i64.add
    local.get 2 f32.neg
    local.get 3 f64.abs
    f64.const nan:0x4000000000001
    local.get 4 i64.const 0xfedcba9876543210 i64.xor)
  (func $multi2 (export "multi2") (type $multi)
    local.get 0 i32.const 1 i32.add
    local.get 4
    f32.const -0
    local.get 3 f64.neg
    local.get 0
    local.get 1
    local.get 2
    f64.const -inf
    local.get 3
    i64.const 0x80000000)
  (func (export "call_many_consts") (param $sel i32) (result i64)
    i64.const 0
    f64.const 0
    i32.const 0
    f32.const -0
    i64.const -1
    f64.const -0
    i64.const 0x7fffffff
    f64.const nan
    i32.const -1
    f32.const nan:0x200000
    local.get $sel i64.extend_i32_s
    f64.const -nan
    i64.const 0xffffffff
    f64.const nan:0x4000000000001
    i32.const 0x80000000
    local.get $sel f32.reinterpret_i32
    i64.const 0x100000000
    f64.const inf
    i64.const -0x80000000
    f64.const -inf
    i32.const 0x7fffffff
    f32.const inf
    i64.const -0x80000001
    f64.const 0x1p-1074
    i64.const 0x8000000000000000
    f64.const -1.5
    i64.const 0x123456789abcdef0
    f64.const nan:0x8000000000001
    call $many
    local.get $sel call $many_x_consts i64.xor)
  (func $many_x_consts (param $sel i32) (result i64)
    i64.const 0
    f64.const -nan
    i32.const 0x80000000
    f32.const nan:0x200000
    i64.const 0x7fffffff
    f64.const inf
    i64.const 0x8000000000000000
    f64.const -0
    i32.const 0
    f32.const inf
    i64.const 0
    f64.const -nan
    i64.const -0x80000000
    f64.const nan:0x8000000000001
    i32.const 0x80000000
    f32.const nan:0x200000
    i64.const 0x8000000000000000
    f64.const -0
    i64.const 0xffffffff
    f64.const 0x1p-1074
    i32.const 0
    f32.const inf
    i64.const -0x80000000
    f64.const nan:0x8000000000001
    i64.const 0x7fffffff
    f64.const inf
    i64.const 0x8000000000000000
    local.get $sel f64.convert_i32_s
    call $many_x)
  (func (export "call_many_computed") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64)
    local.get $a i64.const 1 i64.add
    local.get $b f64.abs
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $a call $id_i64
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i64.const 458759 i64.mul
    local.get $b f64.abs
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 11 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.abs
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $a i64.const 1114129 i64.mul
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i64.const 19 i64.rotl
    local.get $b f64.abs
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a call $id_i64
    local.get $b f64.abs
    local.get $a i64.const 1769499 i64.mul
    local.get $b f64.const -1 f64.copysign
    call $many)
  (func $id_i64 (param i64) (result i64) local.get 0)
  (func $id_f64 (param f64) (result f64) local.get 0)
  (func $id_i32 (param i32) (result i32) local.get 0)
  (func $id_f32 (param f32) (result f32) local.get 0)
  (func (export "call_many_nested") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64) (local $tf f64)
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.const -1 f64.copysign
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    (; nested ;) local.get $a i64.const 131074 i64.mul local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many local.get $b f64.neg local.get $c i64.extend_i32_s local.get $a i64.sub local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 786444 i64.mul local.get $b f64.neg local.get $a i64.const 14 i64.rotl local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg local.get $c i64.extend_i32_s local.get $a i64.sub (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_x f64.reinterpret_i64 local.get $a call $id_i64 local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 24 i64.rotl local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_r drop drop drop drop drop f64.neg local.set $tf f64.reinterpret_i64 local.get $tf f64.copysign local.get $a i64.const 26 i64.add local.get $a f64.reinterpret_i64 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b call $id_f64 call $many
    local.get $b f64.abs
    local.get $a i64.const 9 i64.rotl
    local.get $b f64.const -1 f64.copysign
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.abs
    local.get $a call $id_i64
    local.get $b f64.const -1 f64.copysign
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 19 i64.rotl
    (; nested ;) local.get $a i64.const 131074 i64.mul local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many local.get $b f64.neg local.get $c i64.extend_i32_s local.get $a i64.sub local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 786444 i64.mul local.get $b f64.neg local.get $a i64.const 14 i64.rotl local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg local.get $c i64.extend_i32_s local.get $a i64.sub (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_x f64.reinterpret_i64 local.get $a call $id_i64 local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 24 i64.rotl local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_r drop drop drop drop drop f64.neg local.set $tf f64.reinterpret_i64 local.get $tf f64.copysign local.get $a i64.const 26 i64.add local.get $a f64.reinterpret_i64 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b call $id_f64 call $many_x f64.reinterpret_i64
    local.get $a i64.const 21 i64.add
    local.get $b f64.const -1 f64.copysign
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $a call $id_i64
    local.get $a i64.const 131074 i64.mul local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many local.get $b f64.neg local.get $c i64.extend_i32_s local.get $a i64.sub local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 786444 i64.mul local.get $b f64.neg local.get $a i64.const 14 i64.rotl local.get $a f64.reinterpret_i64 local.get $c call $id_i32 local.get $d f32.neg local.get $c i64.extend_i32_s local.get $a i64.sub (; nested ;) local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_x f64.reinterpret_i64 local.get $a call $id_i64 local.get $a f64.reinterpret_i64 local.get $c local.get $c i32.mul local.get $d call $id_f32 local.get $a i64.const 24 i64.rotl local.get $a i64.const 1 i64.add local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a call $id_i64 local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 458759 i64.mul local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $a i64.const 11 i64.add local.get $d f64.promote_f32 local.get $b local.get $c select local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b f64.abs local.get $a i32.wrap_i64 local.get $d f32.abs local.get $a i64.const 1114129 i64.mul local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a i64.const 19 i64.rotl local.get $b f64.abs local.get $c i32.const 3 i32.shl local.get $c f32.reinterpret_i32 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $d f64.promote_f32 local.get $b local.get $c select local.get $a call $id_i64 local.get $b f64.abs local.get $a i64.const 1769499 i64.mul local.get $b f64.const -1 f64.copysign call $many_r drop drop drop drop drop f64.neg local.set $tf f64.reinterpret_i64 local.get $tf f64.copysign local.get $a i64.const 26 i64.add local.get $a f64.reinterpret_i64 local.get $c i64.extend_i32_s local.get $a i64.sub local.get $b call $id_f64 call $many_r drop drop drop drop drop f64.neg local.set $tf f64.reinterpret_i64 local.get $tf f64.copysign
    local.get $a i64.const 1769499 i64.mul
    local.get $b f64.const -1 f64.copysign
    local.get $a i64.const 29 i64.rotl
    local.get $d f64.promote_f32 local.get $b local.get $c select
    call $many2)
  (func (export "call_many_r") (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64)
    (local $r0 i64) (local $r1 f64) (local $r2 i32) (local $r3 f32) (local $r4 i64) (local $r5 f64) (local $r6 i32)
    local.get $a i64.const 1 i64.add
    local.get $b f64.abs
    local.get $a i32.wrap_i64
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 29 i64.rotl
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.abs
    local.get $c i32.const 3 i32.shl
    local.get $d f32.abs
    local.get $a i64.const 71 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a call $id_i64
    local.get $b f64.abs
    local.get $a i32.wrap_i64
    local.get $c f32.reinterpret_i32
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i64.const 8323199 i64.mul
    local.get $b f64.abs
    local.get $c i32.const 3 i32.shl
    local.get $d f32.abs
    local.get $a call $id_i64
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i64.const 169 i64.rotl
    local.get $b f64.abs
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.const -1 f64.copysign
    call $many_r
    local.set $r6 local.set $r5 local.set $r4 local.set $r3 local.set $r2 local.set $r1 local.set $r0
    i64.const 0x99
    i64.const 5 i64.rotl local.get $r0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r6 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    local.get $a i64.const 1 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $a i64.const 21 i64.add
    local.get $b f64.abs
    local.get $a i64.const 31 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 51 i64.add
    local.get $b f64.abs
    local.get $a i64.const 61 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i32.wrap_i64
    local.get $d f32.abs
    local.get $a i64.const 81 i64.add
    local.get $b f64.abs
    local.get $a i64.const 91 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $c i32.const 3 i32.shl
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 111 i64.add
    local.get $b f64.abs
    local.get $a i64.const 121 i64.add
    local.get $d f64.promote_f32 local.get $b local.get $c select
    local.get $a i64.const 131 i64.add
    local.get $b f64.const -1 f64.copysign
    call $many_r_x
    local.set $r6 local.set $r5 local.set $r4 local.set $r3 local.set $r2 local.set $r1 local.set $r0
    i64.const 0x98
    i64.const 5 i64.rotl local.get $r0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r6 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.sub)
  (func (export "ci_many") (param $i i32) (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64)
    local.get $a i64.const 1 i64.add
    local.get $b f64.const -1 f64.copysign
    local.get $a i32.wrap_i64
    local.get $c f32.reinterpret_i32
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.const -1 f64.copysign
    local.get $a i64.const 19 i64.rotl
    local.get $b f64.const -1 f64.copysign
    local.get $c i32.const 3 i32.shl
    local.get $d f32.abs
    local.get $a i64.const 31 i64.add
    local.get $b f64.const -1 f64.copysign
    local.get $a i64.const 2424869 i64.mul
    local.get $b f64.const -1 f64.copysign
    local.get $a i32.wrap_i64
    local.get $c f32.reinterpret_i32
    local.get $a i64.const 49 i64.rotl
    local.get $b f64.const -1 f64.copysign
    local.get $a call $id_i64
    local.get $b f64.const -1 f64.copysign
    local.get $c i32.const 3 i32.shl
    local.get $d f32.abs
    local.get $a i64.const 4390979 i64.mul
    local.get $b f64.const -1 f64.copysign
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.const -1 f64.copysign
    local.get $a i64.const 79 i64.rotl
    local.get $b f64.const -1 f64.copysign
    local.get $i
    call_indirect (type $big))
  (func (export "ci_many_r") (param $i i32) (param $a i64) (param $b f64) (param $c i32) (param $d f32) (result i64 f64 i32 f32 i64 f64 i32)
    local.get $a i64.const 1 i64.add
    local.get $a f64.reinterpret_i64
    local.get $c i32.const 3 i32.shl
    local.get $d call $id_f32
    local.get $a i64.const 9 i64.rotl
    local.get $b call $id_f64
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $a f64.reinterpret_i64
    local.get $c i32.const 3 i32.shl
    local.get $d call $id_f32
    local.get $a i64.const 21 i64.add
    local.get $b call $id_f64
    local.get $a call $id_i64
    local.get $a f64.reinterpret_i64
    local.get $c i32.const 3 i32.shl
    local.get $d call $id_f32
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b call $id_f64
    local.get $a i64.const 2424869 i64.mul
    local.get $a f64.reinterpret_i64
    local.get $c i32.const 3 i32.shl
    local.get $d call $id_f32
    local.get $a call $id_i64
    local.get $b call $id_f64
    local.get $a i64.const 49 i64.rotl
    local.get $a f64.reinterpret_i64
    local.get $c i64.extend_i32_s local.get $a i64.sub
    local.get $b f64.neg
    local.get $i
    call_indirect (type $bigr))
  (func (export "call_multi") (param i32 i64 f32 f64 i64) (result i64)
    (local $r0 i32) (local $r1 i64) (local $r2 f32) (local $r3 f64) (local $r4 i32) (local $r5 i64) (local $r6 f32) (local $r7 f64) (local $r8 f64) (local $r9 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi
    local.set $r9 local.set $r8 local.set $r7 local.set $r6 local.set $r5 local.set $r4 local.set $r3 local.set $r2 local.set $r1 local.set $r0
    i64.const 0x5
    i64.const 5 i64.rotl local.get $r0 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r1 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r2 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r3 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r4 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r5 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r6 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r8 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r9 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi_x
    local.set $r9 local.set $r8 local.set $r7 local.set $r6 local.set $r5 local.set $r4 local.set $r3 local.set $r2 local.set $r1 local.set $r0
    i64.const 0x6
    i64.const 5 i64.rotl local.get $r0 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r1 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r2 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r3 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r4 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r5 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r6 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r8 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get $r9 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul i64.xor)
  (func (export "pass_multi") (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi_x)
  (func (export "block_multi") (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    (block (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64) local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi))
  (func (export "if_multi") (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    local.get 0 i32.const 3 i32.and
    (if (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64) (then local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi) (else local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi2)))
  (func (export "br_multi") (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    (block $out (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
      local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi2
      local.get 0 i32.const 1 i32.and br_if $out
      ;; not taken: consume the results, return others
      drop drop drop drop drop drop drop drop drop drop
      local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi_x
      local.get 1 i64.const 0 i64.lt_s br_if $out
      drop drop drop drop drop drop drop drop drop drop
      local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 call $multi))
  (func (export "loop_multi") (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    (local $n i32)
    local.get 0 i32.const 7 i32.and local.set $n
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4
    (loop $l (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
      call $multi2
      ;; feed the first five results back in as the next parameters, while $n lasts
      drop drop drop drop drop i64.extend_i32_u
      local.get $n i32.const 1 i32.sub local.tee $n
      i32.const 0 i32.gt_s br_if $l
      call $multi))
  (func (export "ci_multi") (param $i i32) (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)
    local.get 1 local.get 2 local.get 3 local.get 4 local.get 5 local.get $i call_indirect (type $multi))
  (func $rec (export "rec") (param i32 i64 f64 i64 f32 i64 f64 i32 i64 f64 i64 f64 f32 i64) (result i64)
    local.get 0 i32.const 0 i32.le_s
    if (result i64)
      i64.const 0x31
    i64.const 5 i64.rotl local.get 0 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 1 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 2 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 3 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 4 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 5 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 6 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 7 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 8 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 9 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 12 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 5 i64.rotl local.get 13 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    else
      local.get 0 i32.const 1 i32.sub local.get 3 i64.const 3 i64.rotl local.get 6 f64.neg local.get 5 i64.const 3 i64.rotl local.get 12 f32.neg local.get 8 i64.const 3 i64.rotl local.get 9 f64.neg local.get 7 i32.const 1 i32.add local.get 10 i64.const 3 i64.rotl local.get 11 f64.neg local.get 13 i64.const 3 i64.rotl local.get 2 f64.neg local.get 4 f32.neg local.get 1 i64.const 3 i64.rotl
      call $rec
      local.get 0 i64.extend_i32_u i64.add
    end)
)
