;; The second wasm module of test/debug-gdb.test.ts: entry (exported) -> an unnamed
;; function -> $innermost. The name section (wat2wasm --debug-names) names $innermost and
;; $outer only, so the middle frame's symbol is the fallback `<prefix>.func[1]`.
(module
  (func $innermost (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add)
  (func (param i32) (result i32)
    local.get 0
    call $innermost
    i32.const 2
    i32.mul)
  (func $outer (export "entry") (param i32) (result i32)
    local.get 0
    call 1
    i32.const 3
    i32.add))
