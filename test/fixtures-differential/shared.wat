;; A memory and a table imported from another compiled module: the memory's base and size
;; come from the exporter's instance, it grows from either side (also during a call made
;; while this function holds values in registers), and accesses from both sides see each
;; other's writes; call_indirect goes through the imported table to functions of both
;; modules.
(module
  (import "sx" "mem" (memory 1 4))
  (import "sx" "tab" (table 4 funcref))
  (import "sx" "sx_grow" (func $grow (param i32) (result i32)))
  (import "sx" "sx_load" (func $load (param i32) (result i64)))
  (type $t (func (param i64 f64) (result i64)))
  (elem (i32.const 2) $m2)
  (func $m2 (type $t) local.get 0 i64.const -1 i64.xor local.get 1 i64.reinterpret_f64 i64.sub)

  ;; Grow through the exporter, then use the new page here, a value live across the call.
  (func (export "grow_then_access") (param $a i32) (param $v i64) (result i32 i64 i64)
    (local $old i32) (local $addr i32)
    local.get $v
    i32.const 1 call $grow local.tee $old
    i32.const -1 i32.eq
    if (param i64) (result i32 i64 i64)
      drop i32.const -1 local.get $v i64.const 0
    else
      memory.size i32.const 65536 i32.mul i32.const 65536 i32.sub
      local.get $a i32.const 0xfff8 i32.and i32.add local.tee $addr
      local.get $v i64.const 0x0101010101010101 i64.mul i64.store
      i32.wrap_i64 memory.size i32.add
      local.get $addr i64.load
      local.get $addr call $load
    end)

  (func (export "m_store") (param $a i32) (param $v i64) local.get $a local.get $v i64.store offset=4)
  (func (export "m_load") (param $a i32) (result i64) local.get $a i64.load offset=4)
  (func (export "m_load_const") (result i64 i64)
    i32.const 65528 i64.load
    i32.const 0 i64.load offset=131064)
  (func (export "m_size") (result i32) memory.size)
  (func (export "m_fill") (param $d i32) (param $v i32) (param $n i32) local.get $d local.get $v local.get $n memory.fill)
  (func (export "ci_imported_table") (param $i i32) (param $x i64) (param $y f64) (result i64)
    local.get $x local.get $y local.get $i call_indirect (type $t))
)
