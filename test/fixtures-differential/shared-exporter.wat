;; The module shared.wat imports its memory and table from (registered as "sx"): it grows
;; the memory and writes and reads it from its side, and its table holds its functions.
(module
  (memory (export "mem") 1 4)
  (table (export "tab") 4 funcref)
  (elem (i32.const 0) $f0 $f1)
  (func $f0 (param i64 f64) (result i64) local.get 0 local.get 1 i64.reinterpret_f64 i64.xor)
  (func $f1 (param i64 f64) (result i64) local.get 0 i64.const 3 i64.rotl local.get 1 i64.trunc_sat_f64_s i64.add)
  (func (export "sx_grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "sx_size") (result i32) memory.size)
  (func (export "sx_store") (param i32 i64) local.get 0 local.get 1 i64.store)
  (func (export "sx_load") (param i32) (result i64) local.get 0 i64.load)
)
