/*
 * The wasm side of test/debug-gdb.test.ts, compiled by clang to wasm32 at -O0: run (the
 * only export) -> outer -> (through a function pointer: call_indirect) middle -> leaf.
 * The static functions are kept out of line and unexported, so that gdb can name their
 * frames only by the `<prefix>.<name>` symbols wasm2obj makes from the name section.
 */
typedef int (*step_fn)(int);

__attribute__((noinline)) static int leaf(int x) { return x * 3 + 1; }

__attribute__((noinline)) static int middle(int x) { return leaf(x + 1) + 2; }

/* Read through a volatile so that clang cannot turn the indirect call into a direct one. */
static step_fn volatile next_step = middle;

__attribute__((noinline)) static int outer(int x) { return next_step(x * 2) - 1; }

__attribute__((export_name("run"))) int run(int x) { return outer(x) + 5; }
