;; Memory accesses of every width and signedness, at computed and constant addresses,
;; with static offsets from 0 to just below 2^32 (the baseline tier folds a constant
;; address plus offset up to 2^31 - 1 into the displacement and adds larger offsets
;; through a scratch register), stores of register and constant values (i64 constants
;; that do and do not fit in 32 bits, f32/f64 constants with NaN payloads, -0, inf),
;; traps at the end of memory (the guard region, or the explicit check), memory.grow then
;; access, and memory.fill / memory.copy over overlapping ranges. The memory's contents
;; carry over between invocations, which run in the same order in V8 and in our pipeline;
;; `hash` reads them back.
(module
  (memory 1 3)
  (data (i32.const 0) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\80\81\82\83\84\85\86\87\88\89\8a\8b\8c\8d\8e\8f\ff\fe\fd\fc\fb\fa\f9\f8\7f\7e\7d\7c\7b\7a\79\78")
  (data (i32.const 65520) "\de\ad\be\ef\ca\fe\ba\be\01\23\45\67\89\ab\cd\ef")

  ;; An order-sensitive hash of [a, a + n), n < 4096, byte by byte.
  (func $hash (export "hash") (param $a i32) (param $n i32) (result i64)
    (local $h i64)
    i64.const 0xcbf29ce484222325 local.set $h
    local.get $n i32.const 4095 i32.and local.set $n
    (block $done (loop $l
      local.get $n i32.eqz br_if $done
      local.get $h local.get $a i64.load8_u i64.xor i64.const 0x100000001b3 i64.mul local.set $h
      local.get $a i32.const 1 i32.add local.set $a
      local.get $n i32.const 1 i32.sub local.set $n
      br $l))
    local.get $h)

  (func (export "load_all") (param $a i32) (result i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64 f32 f64)
    local.get $a i32.load
    local.get $a i32.load8_s
    local.get $a i32.load8_u
    local.get $a i32.load16_s
    local.get $a i32.load16_u
    local.get $a i64.load
    local.get $a i64.load8_s
    local.get $a i64.load8_u
    local.get $a i64.load16_s
    local.get $a i64.load16_u
    local.get $a i64.load32_s
    local.get $a i64.load32_u
    local.get $a f32.load
    local.get $a f64.load)

  (func (export "load_all_off") (param $a i32) (result i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64 f32 f64)
    local.get $a i32.load offset=1
    local.get $a i32.load8_s offset=2
    local.get $a i32.load8_u offset=3
    local.get $a i32.load16_s offset=5
    local.get $a i32.load16_u offset=7
    local.get $a i64.load offset=9
    local.get $a i64.load8_s offset=17
    local.get $a i64.load8_u offset=18
    local.get $a i64.load16_s offset=19
    local.get $a i64.load16_u offset=21
    local.get $a i64.load32_s offset=23
    local.get $a i64.load32_u offset=27
    local.get $a f32.load offset=31
    local.get $a f64.load offset=35)

  ;; Loads whose address is an expression, with other values live.
  (func (export "load_computed") (param $a i32) (param $b i32) (result i64)
    local.get $a local.get $b i32.add i64.load offset=4
    local.get $a i32.const 3 i32.mul i64.load16_s
    local.get $b local.get $a i32.sub i64.load32_u offset=100
    local.get $a i32.const 0xffff i32.and i64.load8_s
    local.get $b i32.const 0xfff i32.and local.get $a i32.const 0xfff i32.and i32.add i32.load i64.extend_i32_u
    i64.add i64.xor i64.sub i64.add)

  ;; Constant addresses (folded into the displacement with their offset), in bounds of
  ;; one page or just past it: which trap depends on how far memory has grown.
  (func (export "load_const") (param $sel i32) (result i64)
    (block $7 (block $6 (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 7 i32.and
      br_table $0 $1 $2 $3 $4 $5 $6 $7)
      i32.const 65532 i64.load32_u return)
      i32.const 65529 i64.load return)
      i32.const 0 i64.load offset=65528 return)
      i32.const 65520 i64.load16_s offset=15 return)
      i32.const 65533 i64.load32_s return)
      i32.const 0 i64.load offset=65529 return)
      i32.const 131070 i64.load16_u return)
    i32.const 65536 i64.load8_s offset=65535)

  ;; Addresses and offsets beyond 2^31: always out of bounds (at most 3 pages), through
  ;; every path of the address computation.
  (func (export "load_far") (param $sel i32) (param $a i32) (result i64)
    (block $9 (block $8 (block $7 (block $6 (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 15 i32.and
      br_table $0 $1 $2 $3 $4 $5 $6 $7 $8 $9)
      i32.const 0x10 i64.load offset=0x7fffffef return)
      i32.const 0x7fffffff i64.load8_u return)
      i32.const 0x80000000 i64.load8_u return)
      i32.const 0xffffffff i64.load8_u offset=0xffffffff return)
      local.get $a i64.load8_u offset=0x7fffffff return)
      local.get $a i64.load offset=0x80000000 return)
      local.get $a i64.load offset=0xfffffff8 return)
      local.get $a i32.const 0x80000000 i32.or i64.load return)
      i32.const 0 i64.load offset=0xffffffff return)
    local.get $a i32.const 0xfffffffc i32.or i64.load32_u offset=4)

  ;; Stores of register values of every width at an address and small offsets; the
  ;; bytes written are read back by hash.
  (func (export "store_all") (param $a i32) (param $v i64) (param $f f32) (param $d f64) (result i64)
    local.get $a local.get $v i32.wrap_i64 i32.store8
    local.get $a local.get $v i32.wrap_i64 i32.const 8 i32.rotl i32.store16 offset=1
    local.get $a local.get $v i64.const 17 i64.rotl i32.wrap_i64 i32.store offset=3
    local.get $a local.get $v i64.const 5 i64.shr_u i64.store8 offset=7
    local.get $a local.get $v i64.const 23 i64.rotr i64.store16 offset=8
    local.get $a local.get $v i64.const 0x123456789 i64.mul i64.store32 offset=10
    local.get $a local.get $v i64.store offset=14
    local.get $a local.get $f f32.store offset=22
    local.get $a local.get $d f64.store offset=26
    local.get $a i32.const 34 call $hash)

  ;; Stores of constants: every width, i64 constants that fit a sign-extended imm32 and
  ;; ones that do not, float bit patterns; at the computed address and at constant ones.
  (func (export "store_consts") (param $a i32) (result i64)
    local.get $a i32.const 0x1ff i32.store8
    local.get $a i32.const -2 i32.store16 offset=1
    local.get $a i32.const 0x80000001 i32.store offset=3
    local.get $a i64.const 0x1ff i64.store8 offset=7
    local.get $a i64.const -0x8000 i64.store16 offset=8
    local.get $a i64.const 0xfedcba9876543210 i64.store32 offset=10
    local.get $a i64.const -0x80000000 i64.store offset=14
    local.get $a i64.const 0x80000000 i64.store offset=22
    local.get $a i64.const 0x123456789abcdef0 i64.store offset=30
    local.get $a f32.const nan:0x200000 f32.store offset=38
    local.get $a f32.const -0 f32.store offset=42
    local.get $a f64.const -nan:0x4000000000001 f64.store offset=46
    local.get $a f64.const -inf f64.store offset=54
    local.get $a f32.const 0 f32.store offset=62
    local.get $a f64.const 0 f64.store offset=66
    i32.const 600 i64.const 0xffffffff i64.store
    i32.const 600 f32.const nan:0x1 f32.store offset=8
    i32.const 0 f64.const 0x1p-1074 f64.store offset=612
    i32.const 620 i64.const -1 i64.store32 offset=4
    local.get $a i32.const 74 call $hash
    i32.const 600 i32.const 32 call $hash i64.xor)

  ;; Stores at constant addresses near the end of one page: trap or not by memory size.
  (func (export "store_const") (param $sel i32) (param $v i64)
    (block $5 (block $4 (block $3 (block $2 (block $1 (block $0
      local.get $sel i32.const 7 i32.and
      br_table $0 $1 $2 $3 $4 $5 $5 $5)
      i32.const 65528 local.get $v i64.store return)
      i32.const 65529 local.get $v i64.store return)
      i32.const 65535 local.get $v i32.wrap_i64 i32.store8 return)
      i32.const 65535 local.get $v i32.wrap_i64 i32.store16 return)
      i32.const 0 local.get $v i64.store32 offset=131068 return)
    i32.const 131072 local.get $v f64.reinterpret_i64 f64.store offset=65528)

  (func (export "grow") (param $n i32) (result i32)
    local.get $n memory.grow)
  (func (export "size") (result i32)
    memory.size)

  ;; memory.grow and an access to the new page, with values live across the call.
  (func (export "grow_then_access") (param $v i64) (result i64 i32 i64)
    local.get $v
    i32.const 1 memory.grow
    memory.size i32.const 65536 i32.mul i32.const 8 i32.sub local.get $v i64.store
    memory.size i32.const 65536 i32.mul i32.const 8 i32.sub i64.load)

  ;; The i32 results of memory.grow and memory.size (builtin call, shift) used directly as
  ;; addresses: -1 must trap, not reach a 64-bit address.
  (func (export "grow_as_addr") (param $n i32) (result i32 i32)
    local.get $n memory.grow i32.load8_u
    memory.size i32.const 16 i32.shl i32.const 1 i32.sub i32.load8_u)

  (func (export "fill") (param $d i32) (param $v i32) (param $n i32)
    local.get $d local.get $v local.get $n memory.fill)
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    local.get $d local.get $s local.get $n memory.copy)
  ;; Copies overlapping in both directions and a fill, then their hash, in one call.
  (func (export "copy_overlap") (param $a i32) (param $k i32) (result i64)
    local.get $a i32.const 4095 i32.and local.set $a
    local.get $k i32.const 63 i32.and local.set $k
    local.get $a local.get $k i32.add local.get $a i32.const 100 memory.copy
    local.get $a local.get $a local.get $k i32.add i32.const 100 memory.copy
    local.get $a i32.const 50 i32.add local.get $k i32.const 7 memory.fill
    local.get $a local.get $a i32.const 1 i32.add i32.const 99 memory.copy
    local.get $a i32.const 200 call $hash)
)
