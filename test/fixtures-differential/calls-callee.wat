;; The module calls.wat imports from: functions of its big types, compiled separately, so
;; calls cross instances (the callee's own vmctx) directly and through the caller's table.
(module
  (type $big (func (param i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i64 f64) (result i64)))
  (type $bigr (func (param i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i32 f32 i64 f64 i64 f64 i64 f64) (result i64 f64 i32 f32 i64 f64 i32)))
  (type $multi (func (param i32 i64 f32 f64 i64) (result i32 i64 f32 f64 i32 i64 f32 f64 f64 i64)))
  (func (export "many_x") (type $big)
    i64.const 0xabc
    i64.const 9 i64.rotl local.get 0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 6 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 8 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 9 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 12 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 13 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 14 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 15 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 16 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 17 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 18 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 19 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 20 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 21 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 22 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 23 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 24 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 25 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 26 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 9 i64.rotl local.get 27 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul)
  (func (export "many_r_x") (type $bigr)
    i64.const 0xdef
    i64.const 3 i64.rotl local.get 0 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 1 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 2 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 3 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 4 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 5 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 6 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 7 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 8 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 9 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 10 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 11 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 12 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 13 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 14 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 15 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 16 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 17 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 18 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 19 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 20 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 21 i32.reinterpret_f32 i64.extend_i32_u i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 22 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 23 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 24 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 25 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 26 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    i64.const 3 i64.rotl local.get 27 i64.reinterpret_f64 i64.xor i64.const 0x9e3779b97f4a7c15 i64.mul
    local.get 1 local.get 20 local.get 9 local.get 0 local.get 27 local.get 14)
  (func (export "multi_x") (type $multi)
    local.get 0 i32.const 2 i32.rotl
    local.get 4
    f32.const nan:0x12345
    local.get 3
    i32.const -1
    local.get 1
    local.get 2 f32.abs
    f64.const -0
    local.get 3 f64.neg
    i64.const 0x0123456789abcdef)
)
