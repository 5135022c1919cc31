;; Structured control flow carrying values: blocks, loops and ifs with parameters and
;; results, br/br_if/br_table taking values out of nested blocks and back to loop heads
;; (values in registers, locals, constants and slots, with extra values below them that
;; the branch discards), br_table with many targets, ifs without else, branches to the
;; function's own label, and unreachable code after branches. Only exact operations on
;; floats, so every bit of every result counts.
(module
  ;; 40 targets over 12 nested blocks, each carrying (i32 i64 f64); every block end
  ;; transforms the values differently, so the path taken shows in the result.
  (func (export "br_table_many") (param $idx i32) (param $x i32) (param $y i64) (param $z f64) (result i32 i64 f64)
    (local $tl i64) (local $tf f64)
    (block $b0 (result i32 i64 f64)
    (block $b1 (result i32 i64 f64)
    (block $b2 (result i32 i64 f64)
    (block $b3 (result i32 i64 f64)
    (block $b4 (result i32 i64 f64)
    (block $b5 (result i32 i64 f64)
    (block $b6 (result i32 i64 f64)
    (block $b7 (result i32 i64 f64)
    (block $b8 (result i32 i64 f64)
    (block $b9 (result i32 i64 f64)
    (block $b10 (result i32 i64 f64)
    (block $b11 (result i32 i64 f64)
      local.get $idx i32.const 1 i32.and
      if (result i32 i64 f64)
        local.get $x i32.const 1 i32.add  i64.const 0x123456789  local.get $z
      else
        i32.const -7  local.get $y  local.get $z f64.neg
      end
      local.get $idx i32.const 1 i32.shr_u
      br_table $b3 $b10 $b5 $b0 $b7 $b2 $b9 $b4 $b11 $b6 $b1 $b8 $b3 $b10 $b5 $b0 $b7 $b2 $b9 $b4 $b11 $b6 $b1 $b8 $b3 $b10 $b5 $b0 $b7 $b2 $b9 $b4 $b11 $b6 $b1 $b8 $b3 $b10 $b5 $b0 $b11
    ) local.set $tf local.set $tl i32.const 12 i32.add local.get $tl i64.const 36028797018963968 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 11 i32.add local.get $tl i64.const 1125899906842624 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 10 i32.add local.get $tl i64.const 35184372088832 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 9 i32.add local.get $tl i64.const 1099511627776 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 8 i32.add local.get $tl i64.const 34359738368 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 7 i32.add local.get $tl i64.const 1073741824 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 6 i32.add local.get $tl i64.const 33554432 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 5 i32.add local.get $tl i64.const 1048576 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 4 i32.add local.get $tl i64.const 32768 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 3 i32.add local.get $tl i64.const 1024 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 2 i32.add local.get $tl i64.const 32 i64.xor local.get $tf f64.neg
    ) local.set $tf local.set $tl i32.const 1 i32.add local.get $tl i64.const 1 i64.xor local.get $tf f64.neg
  )
  ;; 40 nested blocks and a br_table reaching each of them from the innermost one.
  (func (export "deep_blocks") (param $a i32) (param $b i32) (result i32)
    (block $o0 (result i32)
    (block $o1 (result i32)
    (block $o2 (result i32)
    (block $o3 (result i32)
    (block $o4 (result i32)
    (block $o5 (result i32)
    (block $o6 (result i32)
    (block $o7 (result i32)
    (block $o8 (result i32)
    (block $o9 (result i32)
    (block $o10 (result i32)
    (block $o11 (result i32)
    (block $o12 (result i32)
    (block $o13 (result i32)
    (block $o14 (result i32)
    (block $o15 (result i32)
    (block $o16 (result i32)
    (block $o17 (result i32)
    (block $o18 (result i32)
    (block $o19 (result i32)
    (block $o20 (result i32)
    (block $o21 (result i32)
    (block $o22 (result i32)
    (block $o23 (result i32)
    (block $o24 (result i32)
    (block $o25 (result i32)
    (block $o26 (result i32)
    (block $o27 (result i32)
    (block $o28 (result i32)
    (block $o29 (result i32)
    (block $o30 (result i32)
    (block $o31 (result i32)
    (block $o32 (result i32)
    (block $o33 (result i32)
    (block $o34 (result i32)
    (block $o35 (result i32)
    (block $o36 (result i32)
    (block $o37 (result i32)
    (block $o38 (result i32)
    (block $o39 (result i32)
      local.get $a
      local.get $b i32.const 63 i32.and
      br_table $o39 $o38 $o37 $o36 $o35 $o34 $o33 $o32 $o31 $o30 $o29 $o28 $o27 $o26 $o25 $o24 $o23 $o22 $o21 $o20 $o19 $o18 $o17 $o16 $o15 $o14 $o13 $o12 $o11 $o10 $o9 $o8 $o7 $o6 $o5 $o4 $o3 $o2 $o1 $o0 $o20
    ) local.get $b i32.sub
    ) i32.const 1407 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 1333 i32.xor
    ) i32.const 1296 i32.add
    ) local.get $b i32.sub
    ) i32.const 1222 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 1148 i32.xor
    ) i32.const 1111 i32.add
    ) local.get $b i32.sub
    ) i32.const 1037 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 963 i32.xor
    ) i32.const 926 i32.add
    ) local.get $b i32.sub
    ) i32.const 852 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 778 i32.xor
    ) i32.const 741 i32.add
    ) local.get $b i32.sub
    ) i32.const 667 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 593 i32.xor
    ) i32.const 556 i32.add
    ) local.get $b i32.sub
    ) i32.const 482 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 408 i32.xor
    ) i32.const 371 i32.add
    ) local.get $b i32.sub
    ) i32.const 297 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 223 i32.xor
    ) i32.const 186 i32.add
    ) local.get $b i32.sub
    ) i32.const 112 i32.mul
    ) i32.const 3 i32.rotl
    ) i32.const 38 i32.xor
    ) i32.const 1 i32.add
  )
  ;; Values in registers, targets that need no moves (values already in their slots), an
  ;; empty target list.
  (func (export "br_table_regs") (param $idx i32) (param $x i64) (param $y f32) (result i64 f32)
    (block $a (result i64 f32)
      (block $b (result i64 f32)
        (block $c (result i64 f32)
          (block $d (result i64 f32)
            local.get $x i64.const 3 i64.mul
            local.get $y f32.neg
            local.get $idx
            br_table $d $c $b $a $c $d $a $b $b $a $d)
          local.set $y i64.const 1 i64.add local.get $y
          local.get $idx i32.const 4 i32.shr_u
          br_table $b $c $a)
        local.set $y i64.const 100 i64.add local.get $y f32.abs)
      local.set $y i64.const 0x100000000 i64.or local.get $y
      local.get $idx
      br_table $a)
    local.set $y i64.const 5 i64.rotl local.get $y)

  ;; br_table to a loop head (with the loop's parameters), out of the loop, and out of the
  ;; function, from inside an if with parameters.
  (func (export "br_table_func") (param $idx i32) (param $x i64) (param $y f32) (result i64 f32)
    (local $n i32)
    local.get $idx i32.const 4 i32.shr_u i32.const 7 i32.and local.set $n
    (block $out (result i64 f32)
      local.get $x local.get $y
      (loop $top (param i64 f32) (result i64 f32)
        local.set $y i64.const 0x10001 i64.add local.get $y f32.neg
        local.get $n i32.const 1 i32.sub local.tee $n
        i32.const 0 i32.lt_s
        if (param i64 f32) (result i64 f32)
          local.get $idx i32.const 3 i32.and
          br_table $out 3 $out 3
        end
        local.get $n i32.const 3 i32.and
        br_table $top $top $top $out))
    local.set $y i64.const 0xffffffff00000000 i64.xor local.get $y)

  ;; A loop with parameters: Fibonacci on the operand stack, br_if back with the values
  ;; in registers, the condition fused.
  (func (export "loop_fib") (param $n i32) (result i64 i32)
    i64.const 0 i64.const 1
    local.get $n i32.const 127 i32.and local.tee $n
    (loop $l (param i64 i64 i32) (result i64 i32)
      local.set $n
      call $fib_step
      local.get $n i32.const 1 i32.sub local.tee $n
      local.get $n i32.const 0 i32.gt_s
      br_if $l
      drop drop local.get $n))
  (func $fib_step (param i64 i64) (result i64 i64) local.get 1 local.get 0 local.get 1 i64.add)

  ;; Two nested loops with parameters, branches to either head from the inner one.
  (func (export "nested_loops") (param $n i32) (param $m i32) (param $x i64) (result i64 i32)
    (local $i i32) (local $j i32)
    local.get $n i32.const 15 i32.and local.set $i
    local.get $x i32.const 0
    (loop $outer (param i64 i32) (result i64 i32)
      local.get $m i32.const 15 i32.and local.set $j
      (loop $inner (param i64 i32) (result i64 i32)
        i32.const 1 i32.add
        local.set $n
        local.get $j i64.extend_i32_u i64.add i64.const 0x100000001 i64.mul
        local.get $n
        local.get $j i32.const 1 i32.sub local.tee $j
        i32.const 0 i32.gt_s br_if $inner
        local.get $i i32.const 1 i32.sub local.tee $i
        i32.const 0 i32.gt_s br_if $outer))
    )

  ;; Blocks with parameters, nested; an if with parameters and an else that branches out.
  (func (export "block_params") (param $a i32) (param $b i32) (param $c i64) (result i32 i64)
    (local $t i32)
    local.get $a local.get $b
    (block (param i32 i32) (result i32) i32.sub)
    local.get $a
    (block (param i32 i32) (result i32)
      i32.const 3 i32.mul
      i32.xor
      (block (param i32) (result i32 i32) local.get $b)
      i32.rotl)
    local.get $c
    (block $x (param i32 i64) (result i32 i64)
      (block $y (param i32 i64) (result i64 i32)
        local.set $c
        local.get $c i64.const 3 i64.shl
        local.get $a i32.const 1 i32.and
        if (param i32 i64) (result i32 i64)
          i64.const 7 i64.add
        else
          i64.const -1 i64.xor
          br $x
        end
        local.set $c local.set $t local.get $c local.get $t)
      local.set $t local.set $c local.get $t i32.const 9 i32.add local.get $c))

  ;; Ifs without else, with parameters (fused and unfused conditions, a constant parameter).
  (func (export "if_noelse") (param $a i32) (param $b i32) (param $x i64) (param $y f64) (result i32 i64 f64)
    local.get $a local.get $b
    local.get $a i32.const 1 i32.and
    if (param i32 i32) (result i32 i32)
      i32.add local.get $b
    end
    i32.sub
    local.get $x local.get $y
    local.get $a local.get $b i32.lt_s
    if (param i64 f64) (result i64 f64)
      f64.neg local.set $y i64.const 0x8000000000000000 i64.or local.get $y
    end
    f64.const -0
    local.get $b i32.eqz
    if (param f64) (result f64)
      drop local.get $y f64.abs
    end
    f64.copysign)

  ;; If/else with parameters, a nested one whose arms leave by br and return.
  (func (export "if_else_params") (param $a i64) (param $b f64) (param $c i32) (result f64 i64)
    (local $t f64)
    local.get $a local.get $b
    local.get $c i32.const 3 i32.and
    if (param i64 f64) (result f64 i64)
      local.set $t i64.const 1 i64.add local.set $a local.get $t local.get $a
    else
      local.get $c i32.const 4 i32.and
      if (param i64 f64) (result f64 i64)
        local.set $t local.set $a local.get $t f64.neg local.get $a i64.const 2 i64.mul
        br 1
      else
        local.set $t local.set $a local.get $t local.get $a i64.const -1 i64.xor
        return
      end
    end)

  ;; br_if carrying values held as locals, registers and constants, and with many live
  ;; values below them; the fallthrough keeps them.
  (func (export "br_if_values") (param $a i32) (param $b i64) (param $c f32) (result i64 f32 i32)
    (local $ra i32) (local $rb i64) (local $rc f32)
    (block $blk (result i64 f32 i32)
      local.get $b local.get $c local.get $a
      local.get $a i32.const 3 i32.rem_u i32.eqz br_if $blk
      drop drop drop
      local.get $b i64.const 0x5555 i64.mul local.get $c f32.neg local.get $a i32.const 9 i32.add
      local.get $b i64.const 0 i64.lt_s br_if $blk
      drop drop drop
      i64.const 0x7fffffffffffffff f32.const nan:0x7fedcb i32.const -1
      local.get $a i32.const 4 i32.and br_if $blk
      drop drop drop
      local.get $a i32.const 1 i32.add local.get $a i32.const 2 i32.mul local.get $a i32.const 3 i32.xor
      local.get $a i32.const 4 i32.rotl local.get $a i32.const 5 i32.sub local.get $a i32.const 6 i32.or
      local.get $a i32.const 7 i32.and local.get $a i32.const 8 i32.shr_u local.get $a i32.clz
      local.get $a i32.popcnt
      local.get $b i64.const 1 i64.rotl local.get $c f32.abs local.get $a i32.const 11 i32.mul
      local.get $a i32.const 8 i32.and br_if $blk
      local.set $ra local.set $rc local.set $rb
      i32.add i32.add i32.add i32.add i32.add i32.add i32.add i32.add i32.add
      local.get $rb local.get $rc local.get $ra
      local.get $a i32.const 16 i32.and br_if $blk
      local.set $ra local.set $rc local.set $rb
      i64.extend_i32_u local.get $rb i64.xor local.get $rc local.get $ra))

  ;; br and br_if out of nested blocks, discarding values below the carried ones.
  (func (export "nested_br") (param $a i32) (param $b i64) (param $c f64) (result i64 f64)
    (block $outer (result i64 f64)
      local.get $a
      (block $mid (result i32)
        local.get $b i64.const 1 i64.add
        (block $inner (result i64 f64)
          local.get $a i32.const 2 i32.mul
          local.get $b local.get $c
          local.get $a i32.const 1 i32.and br_if $outer
          local.get $a i32.const 2 i32.and br_if $inner
          drop drop drop
          local.get $b i64.const 0x33 i64.xor local.get $c f64.neg
          local.get $a i32.const 4 i32.and
          if
            local.get $a i32.const 100 i32.add
            br $mid
          end)
        local.set $c local.set $b drop
        local.get $a)
      i32.add
      i64.extend_i32_u local.get $c))

  ;; return from inside a loop inside an if, with values below the results.
  (func (export "return_nested") (param $a i32) (param $b i64) (result i64 i32 f64)
    (local $i i32)
    i32.const 5
    (block (result i32)
      (loop $l (result i32)
        local.get $i i32.const 1 i32.add local.tee $i
        local.get $a i32.const 15 i32.and i32.ge_u
        if
          local.get $b i64.const 3 i64.mul
          local.get $i
          f64.const -0x1.8p3
          return
        end
        local.get $i i32.const 20 i32.lt_u br_if $l
        i32.const 77))
    i32.add
    i64.extend_i32_u i32.const 1 f64.const 2)

  ;; Branches to the function's own label: br_if, br, and br_table mixing it with a block.
  (func (export "br_to_func") (param $a i32) (param $b f64) (result f64 i32)
    local.get $b f64.neg local.get $a
    local.get $a i32.const 1 i32.and br_if 0
    drop drop
    (block
      local.get $b local.get $a i32.const 2 i32.shl
      local.get $a i32.const 2 i32.and
      br_if 1
      drop drop)
    (block $k (result f64 i32)
      local.get $b f64.abs local.get $a i32.const 7 i32.xor
      local.get $a i32.const 3 i32.shr_u i32.const 3 i32.and
      br_table $k 1 $k 1)
    local.set $a f64.neg local.get $a)

  ;; Unreachable code after br, return and unreachable, with nested control in it.
  (func (export "dead_code") (param $a i32) (result i32)
    (block $b (result i32)
      local.get $a
      br $b
      (block (result i32) (loop (result i32) i32.const 1 (if (result i32) (then i32.const 2) (else i32.const 3))))
      i32.add
      drop unreachable)
    (block (result i32)
      local.get $a i32.const 1 i32.and
      (if (result i32) (then local.get $a i32.const 5 i32.mul return) (else local.get $a i32.const 3 i32.add br 1))
      i32.const 99 i32.add)
    i32.add
    local.get $a i32.const 0x100 i32.and
    if
      unreachable
      (if (then nop) (else nop))
      (br_table 0 0 0 (i32.const 0))
    end
    (block (result i32)
      local.get $a i32.const 0x200 i32.and
      if
        local.get $a i32.const 0x12345 i32.xor
        return
        (loop (br 0))
        drop
      end
      i32.const 2)
    i32.add)

  ;; Fused comparisons feeding br_if to the function's label, with several values.
  (func (export "br_if_func_fused") (param $a i32) (param $b i64) (param $c f32) (result i64 f32 i32)
    local.get $b local.get $c local.get $a
    local.get $a i32.const 10 i32.gt_u br_if 0
    drop drop drop
    local.get $b i64.const 1 i64.add local.get $c f32.neg local.get $a i32.const 1 i32.add
    local.get $b i64.const 0x100000000 i64.lt_s br_if 0
    drop drop drop
    i64.const 0x8000000000000000 f32.const nan:0x3 local.get $b i64.eqz
    local.get $b i64.eqz br_if 0
    drop drop drop
    local.get $b local.get $c local.get $a)

)
