;; local.set / local.tee while older local.get values of the same local are still on the
;; operand stack (the baseline tier keeps local.get symbolic until used), select (typed and
;; untyped) on every type with constant, local and computed operands, and comparisons
;; feeding if/br_if directly (fused into the branch) or through a local.
(module
  ;; The brief's example: the old value of $a is on the stack when $a is set.
  (func (export "set_under_get") (param $a i32) (result i32)
    local.get $a (local.set $a (i32.const 5)) local.get $a i32.sub)

  ;; Three older reads of $a live across a tee of $a, a tee of $b reading the new $a.
  (func (export "tee_chain_i32") (param $a i32) (param $b i32) (result i32)
    local.get $a local.get $a local.get $b local.get $a
    local.get $b i32.const 1 i32.add local.tee $a
    local.get $a i32.mul local.tee $b
    local.get $b local.get $a i32.sub local.set $a
    i32.add i32.sub i32.xor i32.add
    local.get $a i32.xor local.get $b i32.const 3 i32.rotl i32.add)

  (func (export "tee_chain_i64") (param $a i64) (param $b i64) (result i64)
    local.get $a local.get $a local.get $b local.get $a
    local.get $b i64.const 0x100000000 i64.add local.tee $a
    local.get $a i64.mul local.tee $b
    local.get $b local.get $a i64.sub local.set $a
    i64.add i64.sub i64.xor i64.add
    local.get $a i64.xor local.get $b i64.const 3 i64.rotl i64.add)

  (func (export "tee_chain_f32") (param $a f32) (param $b f32) (result f32 f32 f32 f32)
    local.get $a local.get $a local.get $b
    local.get $b f32.neg local.tee $a
    local.get $a f32.abs local.tee $b
    local.set $a
    local.set $b
    local.get $a local.get $b f32.copysign)

  (func (export "tee_chain_f64") (param $a f64) (param $b f64) (result f64 f64 f64 f64 f64 f64)
    local.get $a local.get $b local.get $a
    f64.const -nan:0x1234 local.tee $a
    local.get $b local.tee $a
    local.get $a f64.neg local.set $b
    local.set $a
    local.get $a local.get $b
    local.set $a local.set $b
    local.get $a local.get $b)

  ;; Twelve old reads of one i32 local and eighteen of one f64 local: loading them all
  ;; before the set needs more registers than there are.
  (func (export "many_old_i32") (param $a i32) (result i32)
    local.get $a local.get $a local.get $a local.get $a local.get $a local.get $a
    local.get $a local.get $a local.get $a local.get $a local.get $a local.get $a
    i32.const 7 local.set $a
    local.get $a i32.add i32.sub i32.rotl i32.xor i32.add i32.sub i32.mul i32.xor i32.sub i32.add i32.shr_u i32.sub)

  (func (export "many_old_f64") (param $a f64) (param $x f64) (result f64)
    local.get $a local.get $a local.get $a local.get $a local.get $a local.get $a
    local.get $a local.get $a local.get $a local.get $a local.get $a local.get $a
    local.get $a local.get $a local.get $a local.get $a local.get $a local.get $a
    local.get $x local.tee $a
    f64.add f64.sub f64.mul f64.add f64.sub f64.div f64.add f64.sub f64.min f64.add
    f64.sub f64.max f64.add f64.sub f64.mul f64.add f64.sub f64.add
    local.get $a f64.sub)

  ;; Mixed: i64 and f32 reads of two locals interleaved, both rewritten while read.
  (func (export "many_old_mixed") (param $a i64) (param $b f32) (result i64 f32)
    local.get $a local.get $b local.get $a local.get $b local.get $a local.get $b
    local.get $a local.get $b local.get $a local.get $b local.get $a local.get $b
    local.get $a local.get $b local.get $a local.get $b local.get $a local.get $b
    i64.const 0x7777777777 local.set $a
    f32.const -0x1.8p1 local.set $b
    local.get $a local.get $b
    i64.trunc_sat_f32_s i64.xor f32.convert_i64_s f32.add
    i64.trunc_sat_f32_s i64.sub f32.convert_i64_s f32.add
    i64.trunc_sat_f32_s i64.xor f32.convert_i64_s f32.mul
    i64.trunc_sat_f32_s i64.add f32.convert_i64_s f32.sub
    i64.trunc_sat_f32_s i64.xor f32.convert_i64_s f32.add
    i64.trunc_sat_f32_s i64.sub f32.convert_i64_s f32.add
    i64.trunc_sat_f32_s i64.xor f32.convert_i64_s f32.sub
    i64.trunc_sat_f32_s i64.add f32.convert_i64_s f32.add
    i64.trunc_sat_f32_s i64.xor f32.convert_i64_s f32.sub
    i64.trunc_sat_f32_s i64.xor
    local.get $b f32.neg)

  ;; A local set to itself, teed to itself, and swapped through the stack.
  (func (export "set_self") (param $a i64) (param $b i64) (result i64 i64 i64)
    local.get $a local.set $a
    local.get $a local.get $a local.tee $a i64.add
    local.get $b local.get $b i64.const 1 i64.add local.tee $b i64.sub
    local.get $a local.get $b local.set $a local.set $b
    local.get $a i64.const 31 i64.mul local.get $b i64.add)

  ;; Tees inside a call's arguments; the arguments read the local before and after.
  (func $f4 (param i32 i32 i32 i64) (result i32)
    local.get 0 i32.const 1000003 i32.mul local.get 1 i32.add i32.const 1000003 i32.mul local.get 2 i32.add
    local.get 3 i32.wrap_i64 i32.xor)
  (func (export "tee_in_args") (param $a i32) (param $b i64) (result i32)
    local.get $a
    local.get $a i32.const 9 i32.add local.tee $a
    local.get $a
    local.get $b local.get $a i64.extend_i32_u i64.add local.tee $b
    call $f4
    local.get $a i32.add local.get $b i32.wrap_i64 i32.add)

  ;; A read of $a spilled at a block entry, then $a set inside the block, or inside an if.
  (func (export "set_in_block") (param $a i32) (param $b i32) (result i32)
    local.get $a
    (block (local.set $a (i32.add (local.get $a) (local.get $b))))
    local.get $a
    local.get $b
    (if (result i32) (i32.and (local.get $a) (i32.const 1))
      (then (local.set $b (i32.const 100)) (local.get $b))
      (else (local.tee $b (i32.mul (local.get $b) (i32.const 3)))))
    i32.add i32.sub local.get $b i32.xor i32.sub)

  ;; Reads held across a loop whose body sets the local on every iteration.
  (func (export "set_in_loop") (param $a i32) (param $n i32) (result i32)
    local.get $a
    local.get $n i32.const 31 i32.and i32.const 1 i32.add local.set $n
    (loop $l
      local.get $a i32.const 3 i32.mul i32.const 1 i32.add local.set $a
      local.get $n i32.const 1 i32.sub local.tee $n
      br_if $l)
    local.get $a i32.sub)

  ;; 10 live i32 values, then a select of locals and a select of two of them.
  (func (export "select_pressure") (param $c i32) (param $a i32) (param $b i32) (result i32)
    local.get $a i32.const 1 i32.add local.get $a i32.const 2 i32.mul local.get $b i32.const 3 i32.xor
    local.get $b i32.const 4 i32.rotl local.get $a local.get $b i32.sub local.get $a local.get $b i32.or
    local.get $a i32.popcnt local.get $b i32.clz local.get $a local.get $b i32.mul local.get $c i32.const 10 i32.rem_u
    local.get $a local.get $b local.get $c select
    local.get $c i32.const 1 i32.and
    select
    i32.add i32.sub i32.xor i32.add i32.sub i32.add i32.xor i32.sub i32.add)

  ;; A fused comparison feeding an if whose parameters still have to be spilled.
  (func (export "fused_with_params") (param $a i32) (param $b i64) (param $c f64) (result i64 f64 i32)
    local.get $b i64.const 5 i64.mul
    local.get $c f64.neg
    local.get $a i32.const 77 i32.xor
    local.get $a local.get $b i32.wrap_i64 i32.gt_u
    if (param i64 f64 i32) (result i64 f64 i32)
      i32.const 1 i32.add
    else
      local.set $a f64.abs local.set $c i64.const -1 i64.xor local.get $c local.get $a
    end)

  (func (export "cmp_i32") (param $a i32) (param $b i32) (result i32)
    (local $c i32)
    i32.const 0
    local.get $a local.get $b i32.eq if (result i32) i32.const 1 else i32.const 0 end i32.or
    (block (result i32) i32.const 2 local.get $a local.get $b i32.eq br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.eq local.set $c local.get $c if (result i32) i32.const 4 else i32.const 0 end i32.or
    local.get $a local.get $b i32.ne if (result i32) i32.const 8 else i32.const 0 end i32.or
    (block (result i32) i32.const 16 local.get $a local.get $b i32.ne br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.ne local.set $c local.get $c if (result i32) i32.const 32 else i32.const 0 end i32.or
    local.get $a local.get $b i32.lt_s if (result i32) i32.const 64 else i32.const 0 end i32.or
    (block (result i32) i32.const 128 local.get $a local.get $b i32.lt_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.lt_s local.set $c local.get $c if (result i32) i32.const 256 else i32.const 0 end i32.or
    local.get $a local.get $b i32.lt_u if (result i32) i32.const 512 else i32.const 0 end i32.or
    (block (result i32) i32.const 1024 local.get $a local.get $b i32.lt_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.lt_u local.set $c local.get $c if (result i32) i32.const 2048 else i32.const 0 end i32.or
    local.get $a local.get $b i32.gt_s if (result i32) i32.const 4096 else i32.const 0 end i32.or
    (block (result i32) i32.const 8192 local.get $a local.get $b i32.gt_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.gt_s local.set $c local.get $c if (result i32) i32.const 16384 else i32.const 0 end i32.or
    local.get $a local.get $b i32.gt_u if (result i32) i32.const 32768 else i32.const 0 end i32.or
    (block (result i32) i32.const 65536 local.get $a local.get $b i32.gt_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.gt_u local.set $c local.get $c if (result i32) i32.const 131072 else i32.const 0 end i32.or
    local.get $a local.get $b i32.le_s if (result i32) i32.const 262144 else i32.const 0 end i32.or
    (block (result i32) i32.const 524288 local.get $a local.get $b i32.le_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.le_s local.set $c local.get $c if (result i32) i32.const 1048576 else i32.const 0 end i32.or
    local.get $a local.get $b i32.le_u if (result i32) i32.const 2097152 else i32.const 0 end i32.or
    (block (result i32) i32.const 4194304 local.get $a local.get $b i32.le_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.le_u local.set $c local.get $c if (result i32) i32.const 8388608 else i32.const 0 end i32.or
    local.get $a local.get $b i32.ge_s if (result i32) i32.const 16777216 else i32.const 0 end i32.or
    (block (result i32) i32.const 33554432 local.get $a local.get $b i32.ge_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.ge_s local.set $c local.get $c if (result i32) i32.const 67108864 else i32.const 0 end i32.or
    local.get $a local.get $b i32.ge_u if (result i32) i32.const 134217728 else i32.const 0 end i32.or
    (block (result i32) i32.const 268435456 local.get $a local.get $b i32.ge_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i32.ge_u local.set $c local.get $c if (result i32) i32.const 536870912 else i32.const 0 end i32.or
    i32.const 0
    local.get $a i32.const 0 i32.eq if (result i32) i32.const 1 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2 i32.const 0 local.get $b i32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.eq if (result i32) i32.const 4 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8 i32.const -1 local.get $b i32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.eq if (result i32) i32.const 16 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32 i32.const 0x7fffffff local.get $b i32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.ne if (result i32) i32.const 64 else i32.const 0 end i32.xor
    (block (result i32) i32.const 128 i32.const 0 local.get $b i32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.ne if (result i32) i32.const 256 else i32.const 0 end i32.xor
    (block (result i32) i32.const 512 i32.const -1 local.get $b i32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.ne if (result i32) i32.const 1024 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2048 i32.const 0x7fffffff local.get $b i32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.lt_s if (result i32) i32.const 4096 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8192 i32.const 0 local.get $b i32.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.lt_s if (result i32) i32.const 16384 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32768 i32.const -1 local.get $b i32.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.lt_s if (result i32) i32.const 65536 else i32.const 0 end i32.xor
    (block (result i32) i32.const 131072 i32.const 0x7fffffff local.get $b i32.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.lt_u if (result i32) i32.const 262144 else i32.const 0 end i32.xor
    (block (result i32) i32.const 524288 i32.const 0 local.get $b i32.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.lt_u if (result i32) i32.const 1048576 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2097152 i32.const -1 local.get $b i32.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.lt_u if (result i32) i32.const 4194304 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8388608 i32.const 0x7fffffff local.get $b i32.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.gt_s if (result i32) i32.const 16777216 else i32.const 0 end i32.xor
    (block (result i32) i32.const 33554432 i32.const 0 local.get $b i32.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.gt_s if (result i32) i32.const 67108864 else i32.const 0 end i32.xor
    (block (result i32) i32.const 134217728 i32.const -1 local.get $b i32.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.gt_s if (result i32) i32.const 268435456 else i32.const 0 end i32.xor
    (block (result i32) i32.const 536870912 i32.const 0x7fffffff local.get $b i32.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.gt_u if (result i32) i32.const 1073741824 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1 i32.const 0 local.get $b i32.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.gt_u if (result i32) i32.const 2 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4 i32.const -1 local.get $b i32.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.gt_u if (result i32) i32.const 8 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16 i32.const 0x7fffffff local.get $b i32.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.le_s if (result i32) i32.const 32 else i32.const 0 end i32.xor
    (block (result i32) i32.const 64 i32.const 0 local.get $b i32.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.le_s if (result i32) i32.const 128 else i32.const 0 end i32.xor
    (block (result i32) i32.const 256 i32.const -1 local.get $b i32.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.le_s if (result i32) i32.const 512 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1024 i32.const 0x7fffffff local.get $b i32.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.le_u if (result i32) i32.const 2048 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4096 i32.const 0 local.get $b i32.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.le_u if (result i32) i32.const 8192 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16384 i32.const -1 local.get $b i32.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.le_u if (result i32) i32.const 32768 else i32.const 0 end i32.xor
    (block (result i32) i32.const 65536 i32.const 0x7fffffff local.get $b i32.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.ge_s if (result i32) i32.const 131072 else i32.const 0 end i32.xor
    (block (result i32) i32.const 262144 i32.const 0 local.get $b i32.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.ge_s if (result i32) i32.const 524288 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1048576 i32.const -1 local.get $b i32.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.ge_s if (result i32) i32.const 2097152 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4194304 i32.const 0x7fffffff local.get $b i32.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0 i32.ge_u if (result i32) i32.const 8388608 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16777216 i32.const 0 local.get $b i32.ge_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const -1 i32.ge_u if (result i32) i32.const 33554432 else i32.const 0 end i32.xor
    (block (result i32) i32.const 67108864 i32.const -1 local.get $b i32.ge_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i32.const 0x7fffffff i32.ge_u if (result i32) i32.const 134217728 else i32.const 0 end i32.xor
    (block (result i32) i32.const 268435456 i32.const 0x7fffffff local.get $b i32.ge_u br_if 0 drop i32.const 0) i32.xor
    i32.const 7 i32.rotl i32.xor)
  (func (export "cmp_i64") (param $a i64) (param $b i64) (result i32)
    (local $c i32)
    i32.const 0
    local.get $a local.get $b i64.eq if (result i32) i32.const 1 else i32.const 0 end i32.or
    (block (result i32) i32.const 2 local.get $a local.get $b i64.eq br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.eq local.set $c local.get $c if (result i32) i32.const 4 else i32.const 0 end i32.or
    local.get $a local.get $b i64.ne if (result i32) i32.const 8 else i32.const 0 end i32.or
    (block (result i32) i32.const 16 local.get $a local.get $b i64.ne br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.ne local.set $c local.get $c if (result i32) i32.const 32 else i32.const 0 end i32.or
    local.get $a local.get $b i64.lt_s if (result i32) i32.const 64 else i32.const 0 end i32.or
    (block (result i32) i32.const 128 local.get $a local.get $b i64.lt_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.lt_s local.set $c local.get $c if (result i32) i32.const 256 else i32.const 0 end i32.or
    local.get $a local.get $b i64.lt_u if (result i32) i32.const 512 else i32.const 0 end i32.or
    (block (result i32) i32.const 1024 local.get $a local.get $b i64.lt_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.lt_u local.set $c local.get $c if (result i32) i32.const 2048 else i32.const 0 end i32.or
    local.get $a local.get $b i64.gt_s if (result i32) i32.const 4096 else i32.const 0 end i32.or
    (block (result i32) i32.const 8192 local.get $a local.get $b i64.gt_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.gt_s local.set $c local.get $c if (result i32) i32.const 16384 else i32.const 0 end i32.or
    local.get $a local.get $b i64.gt_u if (result i32) i32.const 32768 else i32.const 0 end i32.or
    (block (result i32) i32.const 65536 local.get $a local.get $b i64.gt_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.gt_u local.set $c local.get $c if (result i32) i32.const 131072 else i32.const 0 end i32.or
    local.get $a local.get $b i64.le_s if (result i32) i32.const 262144 else i32.const 0 end i32.or
    (block (result i32) i32.const 524288 local.get $a local.get $b i64.le_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.le_s local.set $c local.get $c if (result i32) i32.const 1048576 else i32.const 0 end i32.or
    local.get $a local.get $b i64.le_u if (result i32) i32.const 2097152 else i32.const 0 end i32.or
    (block (result i32) i32.const 4194304 local.get $a local.get $b i64.le_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.le_u local.set $c local.get $c if (result i32) i32.const 8388608 else i32.const 0 end i32.or
    local.get $a local.get $b i64.ge_s if (result i32) i32.const 16777216 else i32.const 0 end i32.or
    (block (result i32) i32.const 33554432 local.get $a local.get $b i64.ge_s br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.ge_s local.set $c local.get $c if (result i32) i32.const 67108864 else i32.const 0 end i32.or
    local.get $a local.get $b i64.ge_u if (result i32) i32.const 134217728 else i32.const 0 end i32.or
    (block (result i32) i32.const 268435456 local.get $a local.get $b i64.ge_u br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b i64.ge_u local.set $c local.get $c if (result i32) i32.const 536870912 else i32.const 0 end i32.or
    i32.const 0
    local.get $a i64.const 0 i64.eq if (result i32) i32.const 1 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2 i64.const 0 local.get $b i64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.eq if (result i32) i32.const 4 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8 i64.const -1 local.get $b i64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.eq if (result i32) i32.const 16 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32 i64.const 0x80000000 local.get $b i64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.eq if (result i32) i32.const 64 else i32.const 0 end i32.xor
    (block (result i32) i32.const 128 i64.const 0x100000000 local.get $b i64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.ne if (result i32) i32.const 256 else i32.const 0 end i32.xor
    (block (result i32) i32.const 512 i64.const 0 local.get $b i64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.ne if (result i32) i32.const 1024 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2048 i64.const -1 local.get $b i64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.ne if (result i32) i32.const 4096 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8192 i64.const 0x80000000 local.get $b i64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.ne if (result i32) i32.const 16384 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32768 i64.const 0x100000000 local.get $b i64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.lt_s if (result i32) i32.const 65536 else i32.const 0 end i32.xor
    (block (result i32) i32.const 131072 i64.const 0 local.get $b i64.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.lt_s if (result i32) i32.const 262144 else i32.const 0 end i32.xor
    (block (result i32) i32.const 524288 i64.const -1 local.get $b i64.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.lt_s if (result i32) i32.const 1048576 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2097152 i64.const 0x80000000 local.get $b i64.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.lt_s if (result i32) i32.const 4194304 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8388608 i64.const 0x100000000 local.get $b i64.lt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.lt_u if (result i32) i32.const 16777216 else i32.const 0 end i32.xor
    (block (result i32) i32.const 33554432 i64.const 0 local.get $b i64.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.lt_u if (result i32) i32.const 67108864 else i32.const 0 end i32.xor
    (block (result i32) i32.const 134217728 i64.const -1 local.get $b i64.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.lt_u if (result i32) i32.const 268435456 else i32.const 0 end i32.xor
    (block (result i32) i32.const 536870912 i64.const 0x80000000 local.get $b i64.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.lt_u if (result i32) i32.const 1073741824 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1 i64.const 0x100000000 local.get $b i64.lt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.gt_s if (result i32) i32.const 2 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4 i64.const 0 local.get $b i64.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.gt_s if (result i32) i32.const 8 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16 i64.const -1 local.get $b i64.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.gt_s if (result i32) i32.const 32 else i32.const 0 end i32.xor
    (block (result i32) i32.const 64 i64.const 0x80000000 local.get $b i64.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.gt_s if (result i32) i32.const 128 else i32.const 0 end i32.xor
    (block (result i32) i32.const 256 i64.const 0x100000000 local.get $b i64.gt_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.gt_u if (result i32) i32.const 512 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1024 i64.const 0 local.get $b i64.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.gt_u if (result i32) i32.const 2048 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4096 i64.const -1 local.get $b i64.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.gt_u if (result i32) i32.const 8192 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16384 i64.const 0x80000000 local.get $b i64.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.gt_u if (result i32) i32.const 32768 else i32.const 0 end i32.xor
    (block (result i32) i32.const 65536 i64.const 0x100000000 local.get $b i64.gt_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.le_s if (result i32) i32.const 131072 else i32.const 0 end i32.xor
    (block (result i32) i32.const 262144 i64.const 0 local.get $b i64.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.le_s if (result i32) i32.const 524288 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1048576 i64.const -1 local.get $b i64.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.le_s if (result i32) i32.const 2097152 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4194304 i64.const 0x80000000 local.get $b i64.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.le_s if (result i32) i32.const 8388608 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16777216 i64.const 0x100000000 local.get $b i64.le_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.le_u if (result i32) i32.const 33554432 else i32.const 0 end i32.xor
    (block (result i32) i32.const 67108864 i64.const 0 local.get $b i64.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.le_u if (result i32) i32.const 134217728 else i32.const 0 end i32.xor
    (block (result i32) i32.const 268435456 i64.const -1 local.get $b i64.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.le_u if (result i32) i32.const 536870912 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1073741824 i64.const 0x80000000 local.get $b i64.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.le_u if (result i32) i32.const 1 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2 i64.const 0x100000000 local.get $b i64.le_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.ge_s if (result i32) i32.const 4 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8 i64.const 0 local.get $b i64.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.ge_s if (result i32) i32.const 16 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32 i64.const -1 local.get $b i64.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.ge_s if (result i32) i32.const 64 else i32.const 0 end i32.xor
    (block (result i32) i32.const 128 i64.const 0x80000000 local.get $b i64.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.ge_s if (result i32) i32.const 256 else i32.const 0 end i32.xor
    (block (result i32) i32.const 512 i64.const 0x100000000 local.get $b i64.ge_s br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0 i64.ge_u if (result i32) i32.const 1024 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2048 i64.const 0 local.get $b i64.ge_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const -1 i64.ge_u if (result i32) i32.const 4096 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8192 i64.const -1 local.get $b i64.ge_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x80000000 i64.ge_u if (result i32) i32.const 16384 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32768 i64.const 0x80000000 local.get $b i64.ge_u br_if 0 drop i32.const 0) i32.xor
    local.get $a i64.const 0x100000000 i64.ge_u if (result i32) i32.const 65536 else i32.const 0 end i32.xor
    (block (result i32) i32.const 131072 i64.const 0x100000000 local.get $b i64.ge_u br_if 0 drop i32.const 0) i32.xor
    i32.const 7 i32.rotl i32.xor)
  (func (export "cmp_f32") (param $a f32) (param $b f32) (result i32)
    (local $c i32)
    i32.const 0
    local.get $a local.get $b f32.eq if (result i32) i32.const 1 else i32.const 0 end i32.or
    (block (result i32) i32.const 2 local.get $a local.get $b f32.eq br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.eq local.set $c local.get $c if (result i32) i32.const 4 else i32.const 0 end i32.or
    local.get $a local.get $b f32.ne if (result i32) i32.const 8 else i32.const 0 end i32.or
    (block (result i32) i32.const 16 local.get $a local.get $b f32.ne br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.ne local.set $c local.get $c if (result i32) i32.const 32 else i32.const 0 end i32.or
    local.get $a local.get $b f32.lt if (result i32) i32.const 64 else i32.const 0 end i32.or
    (block (result i32) i32.const 128 local.get $a local.get $b f32.lt br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.lt local.set $c local.get $c if (result i32) i32.const 256 else i32.const 0 end i32.or
    local.get $a local.get $b f32.gt if (result i32) i32.const 512 else i32.const 0 end i32.or
    (block (result i32) i32.const 1024 local.get $a local.get $b f32.gt br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.gt local.set $c local.get $c if (result i32) i32.const 2048 else i32.const 0 end i32.or
    local.get $a local.get $b f32.le if (result i32) i32.const 4096 else i32.const 0 end i32.or
    (block (result i32) i32.const 8192 local.get $a local.get $b f32.le br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.le local.set $c local.get $c if (result i32) i32.const 16384 else i32.const 0 end i32.or
    local.get $a local.get $b f32.ge if (result i32) i32.const 32768 else i32.const 0 end i32.or
    (block (result i32) i32.const 65536 local.get $a local.get $b f32.ge br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f32.ge local.set $c local.get $c if (result i32) i32.const 131072 else i32.const 0 end i32.or
    i32.const 0
    local.get $a f32.const 0 f32.eq if (result i32) i32.const 1 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2 f32.const 0 local.get $b f32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.eq if (result i32) i32.const 4 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8 f32.const -0 local.get $b f32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.eq if (result i32) i32.const 16 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32 f32.const nan local.get $b f32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.eq if (result i32) i32.const 64 else i32.const 0 end i32.xor
    (block (result i32) i32.const 128 f32.const inf local.get $b f32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.eq if (result i32) i32.const 256 else i32.const 0 end i32.xor
    (block (result i32) i32.const 512 f32.const 1 local.get $b f32.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 0 f32.ne if (result i32) i32.const 1024 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2048 f32.const 0 local.get $b f32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.ne if (result i32) i32.const 4096 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8192 f32.const -0 local.get $b f32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.ne if (result i32) i32.const 16384 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32768 f32.const nan local.get $b f32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.ne if (result i32) i32.const 65536 else i32.const 0 end i32.xor
    (block (result i32) i32.const 131072 f32.const inf local.get $b f32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.ne if (result i32) i32.const 262144 else i32.const 0 end i32.xor
    (block (result i32) i32.const 524288 f32.const 1 local.get $b f32.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 0 f32.lt if (result i32) i32.const 1048576 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2097152 f32.const 0 local.get $b f32.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.lt if (result i32) i32.const 4194304 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8388608 f32.const -0 local.get $b f32.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.lt if (result i32) i32.const 16777216 else i32.const 0 end i32.xor
    (block (result i32) i32.const 33554432 f32.const nan local.get $b f32.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.lt if (result i32) i32.const 67108864 else i32.const 0 end i32.xor
    (block (result i32) i32.const 134217728 f32.const inf local.get $b f32.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.lt if (result i32) i32.const 268435456 else i32.const 0 end i32.xor
    (block (result i32) i32.const 536870912 f32.const 1 local.get $b f32.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 0 f32.gt if (result i32) i32.const 1073741824 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1 f32.const 0 local.get $b f32.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.gt if (result i32) i32.const 2 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4 f32.const -0 local.get $b f32.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.gt if (result i32) i32.const 8 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16 f32.const nan local.get $b f32.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.gt if (result i32) i32.const 32 else i32.const 0 end i32.xor
    (block (result i32) i32.const 64 f32.const inf local.get $b f32.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.gt if (result i32) i32.const 128 else i32.const 0 end i32.xor
    (block (result i32) i32.const 256 f32.const 1 local.get $b f32.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 0 f32.le if (result i32) i32.const 512 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1024 f32.const 0 local.get $b f32.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.le if (result i32) i32.const 2048 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4096 f32.const -0 local.get $b f32.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.le if (result i32) i32.const 8192 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16384 f32.const nan local.get $b f32.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.le if (result i32) i32.const 32768 else i32.const 0 end i32.xor
    (block (result i32) i32.const 65536 f32.const inf local.get $b f32.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.le if (result i32) i32.const 131072 else i32.const 0 end i32.xor
    (block (result i32) i32.const 262144 f32.const 1 local.get $b f32.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 0 f32.ge if (result i32) i32.const 524288 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1048576 f32.const 0 local.get $b f32.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const -0 f32.ge if (result i32) i32.const 2097152 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4194304 f32.const -0 local.get $b f32.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const nan f32.ge if (result i32) i32.const 8388608 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16777216 f32.const nan local.get $b f32.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const inf f32.ge if (result i32) i32.const 33554432 else i32.const 0 end i32.xor
    (block (result i32) i32.const 67108864 f32.const inf local.get $b f32.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f32.const 1 f32.ge if (result i32) i32.const 134217728 else i32.const 0 end i32.xor
    (block (result i32) i32.const 268435456 f32.const 1 local.get $b f32.ge br_if 0 drop i32.const 0) i32.xor
    i32.const 7 i32.rotl i32.xor)
  (func (export "cmp_f64") (param $a f64) (param $b f64) (result i32)
    (local $c i32)
    i32.const 0
    local.get $a local.get $b f64.eq if (result i32) i32.const 1 else i32.const 0 end i32.or
    (block (result i32) i32.const 2 local.get $a local.get $b f64.eq br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.eq local.set $c local.get $c if (result i32) i32.const 4 else i32.const 0 end i32.or
    local.get $a local.get $b f64.ne if (result i32) i32.const 8 else i32.const 0 end i32.or
    (block (result i32) i32.const 16 local.get $a local.get $b f64.ne br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.ne local.set $c local.get $c if (result i32) i32.const 32 else i32.const 0 end i32.or
    local.get $a local.get $b f64.lt if (result i32) i32.const 64 else i32.const 0 end i32.or
    (block (result i32) i32.const 128 local.get $a local.get $b f64.lt br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.lt local.set $c local.get $c if (result i32) i32.const 256 else i32.const 0 end i32.or
    local.get $a local.get $b f64.gt if (result i32) i32.const 512 else i32.const 0 end i32.or
    (block (result i32) i32.const 1024 local.get $a local.get $b f64.gt br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.gt local.set $c local.get $c if (result i32) i32.const 2048 else i32.const 0 end i32.or
    local.get $a local.get $b f64.le if (result i32) i32.const 4096 else i32.const 0 end i32.or
    (block (result i32) i32.const 8192 local.get $a local.get $b f64.le br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.le local.set $c local.get $c if (result i32) i32.const 16384 else i32.const 0 end i32.or
    local.get $a local.get $b f64.ge if (result i32) i32.const 32768 else i32.const 0 end i32.or
    (block (result i32) i32.const 65536 local.get $a local.get $b f64.ge br_if 0 drop i32.const 0) i32.or
    local.get $a local.get $b f64.ge local.set $c local.get $c if (result i32) i32.const 131072 else i32.const 0 end i32.or
    i32.const 0
    local.get $a f64.const 0 f64.eq if (result i32) i32.const 1 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2 f64.const 0 local.get $b f64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.eq if (result i32) i32.const 4 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8 f64.const -0 local.get $b f64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.eq if (result i32) i32.const 16 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32 f64.const nan local.get $b f64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.eq if (result i32) i32.const 64 else i32.const 0 end i32.xor
    (block (result i32) i32.const 128 f64.const -inf local.get $b f64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.eq if (result i32) i32.const 256 else i32.const 0 end i32.xor
    (block (result i32) i32.const 512 f64.const 1 local.get $b f64.eq br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 0 f64.ne if (result i32) i32.const 1024 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2048 f64.const 0 local.get $b f64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.ne if (result i32) i32.const 4096 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8192 f64.const -0 local.get $b f64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.ne if (result i32) i32.const 16384 else i32.const 0 end i32.xor
    (block (result i32) i32.const 32768 f64.const nan local.get $b f64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.ne if (result i32) i32.const 65536 else i32.const 0 end i32.xor
    (block (result i32) i32.const 131072 f64.const -inf local.get $b f64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.ne if (result i32) i32.const 262144 else i32.const 0 end i32.xor
    (block (result i32) i32.const 524288 f64.const 1 local.get $b f64.ne br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 0 f64.lt if (result i32) i32.const 1048576 else i32.const 0 end i32.xor
    (block (result i32) i32.const 2097152 f64.const 0 local.get $b f64.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.lt if (result i32) i32.const 4194304 else i32.const 0 end i32.xor
    (block (result i32) i32.const 8388608 f64.const -0 local.get $b f64.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.lt if (result i32) i32.const 16777216 else i32.const 0 end i32.xor
    (block (result i32) i32.const 33554432 f64.const nan local.get $b f64.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.lt if (result i32) i32.const 67108864 else i32.const 0 end i32.xor
    (block (result i32) i32.const 134217728 f64.const -inf local.get $b f64.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.lt if (result i32) i32.const 268435456 else i32.const 0 end i32.xor
    (block (result i32) i32.const 536870912 f64.const 1 local.get $b f64.lt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 0 f64.gt if (result i32) i32.const 1073741824 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1 f64.const 0 local.get $b f64.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.gt if (result i32) i32.const 2 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4 f64.const -0 local.get $b f64.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.gt if (result i32) i32.const 8 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16 f64.const nan local.get $b f64.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.gt if (result i32) i32.const 32 else i32.const 0 end i32.xor
    (block (result i32) i32.const 64 f64.const -inf local.get $b f64.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.gt if (result i32) i32.const 128 else i32.const 0 end i32.xor
    (block (result i32) i32.const 256 f64.const 1 local.get $b f64.gt br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 0 f64.le if (result i32) i32.const 512 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1024 f64.const 0 local.get $b f64.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.le if (result i32) i32.const 2048 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4096 f64.const -0 local.get $b f64.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.le if (result i32) i32.const 8192 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16384 f64.const nan local.get $b f64.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.le if (result i32) i32.const 32768 else i32.const 0 end i32.xor
    (block (result i32) i32.const 65536 f64.const -inf local.get $b f64.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.le if (result i32) i32.const 131072 else i32.const 0 end i32.xor
    (block (result i32) i32.const 262144 f64.const 1 local.get $b f64.le br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 0 f64.ge if (result i32) i32.const 524288 else i32.const 0 end i32.xor
    (block (result i32) i32.const 1048576 f64.const 0 local.get $b f64.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -0 f64.ge if (result i32) i32.const 2097152 else i32.const 0 end i32.xor
    (block (result i32) i32.const 4194304 f64.const -0 local.get $b f64.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const nan f64.ge if (result i32) i32.const 8388608 else i32.const 0 end i32.xor
    (block (result i32) i32.const 16777216 f64.const nan local.get $b f64.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const -inf f64.ge if (result i32) i32.const 33554432 else i32.const 0 end i32.xor
    (block (result i32) i32.const 67108864 f64.const -inf local.get $b f64.ge br_if 0 drop i32.const 0) i32.xor
    local.get $a f64.const 1 f64.ge if (result i32) i32.const 134217728 else i32.const 0 end i32.xor
    (block (result i32) i32.const 268435456 f64.const 1 local.get $b f64.ge br_if 0 drop i32.const 0) i32.xor
    i32.const 7 i32.rotl i32.xor)
  (func (export "eqz") (param $a i32) (param $b i64) (result i32)
    (local $c i32)
    local.get $a i32.eqz if (result i32) i32.const 1 else i32.const 0 end
    (block (result i32) i32.const 2 local.get $b i64.eqz br_if 0 drop i32.const 0) i32.or
    local.get $a i32.eqz local.set $c local.get $c i32.const 4 i32.mul i32.or
    local.get $b i64.eqz i32.const 8 i32.mul i32.or
    local.get $a i32.eqz i32.eqz if (result i32) i32.const 16 else i32.const 0 end i32.or
    (block (result i32) i32.const 32 local.get $a i32.eqz i32.eqz br_if 0 drop i32.const 64) i32.or)
  (func (export "select_i32") (param $c i32) (param $a i32) (param $b i32) (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get $a local.get $b local.get $c select
    local.get $a local.get $b local.get $c select (result i32)
    local.get $a i32.const 0x80000000 local.get $c select
    i32.const 0x80000000 local.get $b local.get $c select (result i32)
    i32.const 0x80000000 i32.const -1 local.get $c select
    local.get $a local.get $b i32.const 0 select
    local.get $a local.get $b i32.const -2 select (result i32)
    local.get $a local.get $a local.get $c select
    local.get $a local.get $b local.get $c i32.const 7 i32.and i32.const 3 i32.gt_u select
    local.get $b local.get $a local.get $c i32.eqz select (result i32)
    local.get $a local.get $b local.get $c select local.get $b local.get $a local.get $c select local.get $c i32.const 2 i32.and select
  )
  (func (export "select_i64") (param $c i32) (param $a i64) (param $b i64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get $a local.get $b local.get $c select
    local.get $a local.get $b local.get $c select (result i64)
    local.get $a i64.const 0x123456789abcdef local.get $c select
    i64.const 0x123456789abcdef local.get $b local.get $c select (result i64)
    i64.const 0x123456789abcdef i64.const -0x80000000 local.get $c select
    local.get $a local.get $b i32.const 0 select
    local.get $a local.get $b i32.const -2 select (result i64)
    local.get $a local.get $a local.get $c select
    local.get $a local.get $b local.get $c i32.const 7 i32.and i32.const 3 i32.gt_u select
    local.get $b local.get $a local.get $c i32.eqz select (result i64)
    local.get $a local.get $b local.get $c select local.get $b local.get $a local.get $c select local.get $c i32.const 2 i32.and select
  )
  (func (export "select_f32") (param $c i32) (param $a f32) (param $b f32) (result f32 f32 f32 f32 f32 f32 f32 f32 f32 f32 f32)
    local.get $a local.get $b local.get $c select
    local.get $a local.get $b local.get $c select (result f32)
    local.get $a f32.const nan:0x200000 local.get $c select
    f32.const nan:0x200000 local.get $b local.get $c select (result f32)
    f32.const nan:0x200000 f32.const -0 local.get $c select
    local.get $a local.get $b i32.const 0 select
    local.get $a local.get $b i32.const -2 select (result f32)
    local.get $a local.get $a local.get $c select
    local.get $a local.get $b local.get $c i32.const 7 i32.and i32.const 3 i32.gt_u select
    local.get $b local.get $a local.get $c i32.eqz select (result f32)
    local.get $a local.get $b local.get $c select local.get $b local.get $a local.get $c select local.get $c i32.const 2 i32.and select
  )
  (func (export "select_f64") (param $c i32) (param $a f64) (param $b f64) (result f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    local.get $a local.get $b local.get $c select
    local.get $a local.get $b local.get $c select (result f64)
    local.get $a f64.const -nan:0x4000000000001 local.get $c select
    f64.const -nan:0x4000000000001 local.get $b local.get $c select (result f64)
    f64.const -nan:0x4000000000001 f64.const inf local.get $c select
    local.get $a local.get $b i32.const 0 select
    local.get $a local.get $b i32.const -2 select (result f64)
    local.get $a local.get $a local.get $c select
    local.get $a local.get $b local.get $c i32.const 7 i32.and i32.const 3 i32.gt_u select
    local.get $b local.get $a local.get $c i32.eqz select (result f64)
    local.get $a local.get $b local.get $c select local.get $b local.get $a local.get $c select local.get $c i32.const 2 i32.and select
  )
)
