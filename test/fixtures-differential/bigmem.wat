;; A memory of 2 GiB + 64 KiB, so that accesses at and beyond 2^31 are in bounds: constant
;; addresses above 2^31 - 1 (no longer folded into a displacement), accesses straddling
;; 2^31, computed addresses with the top bit set (the index register must be zero-extended),
;; static offsets of 2^31 and more (added through a scratch register), the last bytes of
;; memory and the first ones past it.
(module
  (memory 32769 32769)

  (func (export "st_off") (param $a i32) (param $v i64)
    local.get $a local.get $v i64.store offset=0x80000000
    local.get $a local.get $v i64.const 7 i64.rotl i64.store offset=0x7ffffffc
    local.get $a local.get $v i32.wrap_i64 i32.store16 offset=0x8000fff0)
  (func (export "ld_off") (param $a i32) (result i64 i64 i32 i64)
    local.get $a i64.load offset=0x80000000
    local.get $a i64.load offset=0x7ffffffc
    local.get $a i32.load16_s offset=0x8000fff0
    local.get $a i64.load32_u offset=0x8000ff00)

  (func (export "st_idx") (param $a i32) (param $v i64)
    local.get $a local.get $v i64.store
    local.get $a i32.const 0x80000000 i32.or local.get $v i64.const -1 i64.xor i64.store offset=8)
  (func (export "ld_idx") (param $a i32) (result i64 i64 i32 i64)
    local.get $a i64.load
    local.get $a i32.const 0x80000000 i32.or i64.load offset=8
    local.get $a i32.load8_u offset=3
    local.get $a i32.const 0x80000000 i32.or i64.load32_s offset=10)

  (func (export "const_addr") (param $sel i32) (param $v i64) (result i64)
    (block $9 (block $8 (block $7 (block $6 (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 15 i32.and
      br_table $0 $1 $2 $3 $4 $5 $6 $7 $8 $9)
      i32.const 0x80000000 local.get $v i64.store
      i32.const 0x80000000 i64.load return)
      i32.const 0x7ffffffc local.get $v i64.store
      i32.const 0x7ffffffc i64.load return)
      i32.const 0 i64.const 0x123456789abcdef i64.store offset=0x7ffffffe
      i32.const 0 i64.load offset=0x7ffffffe return)
      i32.const 0x10 local.get $v i64.store offset=0x7ffffff0
      i32.const 0x10 i64.load offset=0x7ffffff0 return)
      i32.const 0x8000fff8 local.get $v i64.store
      i32.const 0x8000fff8 i64.load return)
      i32.const 0x8000fff9 i64.load return)
      i32.const 0x80010000 i64.load8_u return)
      i32.const 0xfffffff8 local.get $v i64.store offset=0x80010000
      i64.const 0 return)
      i32.const 0x7fffffff i64.const -1 i64.store8
      i32.const 0x7ffffff8 i64.load return)
    i32.const 0x80000001 i32.load16_u i64.extend_i32_u)
)
