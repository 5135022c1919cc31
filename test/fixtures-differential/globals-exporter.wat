;; The module globals.wat imports its globals from (registered as "gx"): one mutable and
;; one immutable global of each numeric type, and functions that read and write the
;; mutable ones from this side, so writes through the importer's indirect cells show here.
(module
  (global $mi32 (export "mi32") (mut i32) (i32.const 7))
  (global $mi64 (export "mi64") (mut i64) (i64.const 0x123456789))
  (global $mf32 (export "mf32") (mut f32) (f32.const -0))
  (global $mf64 (export "mf64") (mut f64) (f64.const nan:0x4000000000001))
  (global (export "ci32") i32 (i32.const -5))
  (global (export "ci64") i64 (i64.const 0x8000000000000000))
  (global (export "cf32") f32 (f32.const nan:0x1))
  (global (export "cf64") f64 (f64.const -inf))
  (func (export "gx_get") (result i32 i64 f32 f64)
    global.get $mi32 global.get $mi64 global.get $mf32 global.get $mf64)
  (func (export "gx_set") (param i32 i64 f32 f64)
    local.get 0 global.set $mi32
    local.get 1 global.set $mi64
    local.get 2 global.set $mf32
    local.get 3 global.set $mf64)
)
