/* interp: a stack-based bytecode interpreter (switch dispatch, 64-bit values, locals and a
   small data memory) running a bytecode program that sums the Collatz trajectory lengths
   of 1..LIMIT and histograms them in its memory. Checksum: the program's result, the
   number of instructions executed and the memory. */
#include "common.h"

#define LIMIT 200000
#define MEMSIZE 1024

enum { OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
       OP_LTU, OP_EQ, OP_NE, OP_JMP, OP_JZ, OP_JNZ, OP_INC, OP_LDM, OP_STM, OP_DUP, OP_DROP, OP_SWAP };

static int32_t code[256];
static int32_t ncode;
static uint64_t mem[MEMSIZE];

static void emit(int32_t op) { code[ncode++] = op; }
static void emit2(int32_t op, int32_t arg) {
  code[ncode++] = op;
  code[ncode++] = arg;
}
/* a jump whose target is patched later: returns where to patch */
static int32_t emit_jump(int32_t op) {
  code[ncode++] = op;
  code[ncode++] = -1;
  return ncode - 1;
}
static void patch(int32_t at) { code[at] = ncode; }

enum { L_I, L_X, L_STEPS, L_ACC, L_LIMIT };

static void assemble(void) {
  ncode = 0;
  emit2(OP_PUSH, 0), emit2(OP_STORE, L_ACC);
  emit2(OP_PUSH, 1), emit2(OP_STORE, L_I);
  int32_t loop_i = ncode;
  emit2(OP_LOAD, L_LIMIT), emit2(OP_LOAD, L_I), emit(OP_LTU);
  int32_t to_end = emit_jump(OP_JNZ);
  emit2(OP_LOAD, L_I), emit2(OP_STORE, L_X);
  emit2(OP_PUSH, 0), emit2(OP_STORE, L_STEPS);
  int32_t loop_x = ncode;
  emit2(OP_LOAD, L_X), emit2(OP_PUSH, 1), emit(OP_NE);
  int32_t to_done = emit_jump(OP_JZ);
  emit2(OP_LOAD, L_X), emit2(OP_PUSH, 1), emit(OP_AND);
  int32_t to_even = emit_jump(OP_JZ);
  /* x = 3x + 1 */
  emit2(OP_LOAD, L_X), emit(OP_DUP), emit(OP_ADD), emit2(OP_LOAD, L_X), emit(OP_ADD);
  emit2(OP_PUSH, 1), emit(OP_ADD), emit2(OP_STORE, L_X);
  int32_t to_next = emit_jump(OP_JMP);
  patch(to_even);
  /* x = x / 2 */
  emit2(OP_LOAD, L_X), emit2(OP_PUSH, 1), emit(OP_SHR), emit2(OP_STORE, L_X);
  patch(to_next);
  emit2(OP_INC, L_STEPS), emit(1);
  emit2(OP_JMP, loop_x);
  patch(to_done);
  /* acc = acc * 31 ^ steps */
  emit2(OP_LOAD, L_ACC), emit2(OP_PUSH, 31), emit(OP_MUL), emit2(OP_LOAD, L_STEPS), emit(OP_XOR);
  emit2(OP_STORE, L_ACC);
  /* mem[steps & (MEMSIZE - 1)] += i */
  emit2(OP_LOAD, L_STEPS), emit2(OP_PUSH, MEMSIZE - 1), emit(OP_AND), emit(OP_DUP), emit(OP_LDM);
  emit2(OP_LOAD, L_I), emit(OP_ADD), emit(OP_STM);
  emit2(OP_INC, L_I), emit(1);
  emit2(OP_JMP, loop_i);
  patch(to_end);
  emit2(OP_LOAD, L_ACC);
  emit(OP_HALT);
}

static uint64_t run(uint64_t *loc, uint64_t *executed) {
  uint64_t stack[64];
  int sp = 0;
  int32_t pc = 0;
  uint64_t n = 0;
  for (;;) {
    n++;
    int32_t op = code[pc++];
    switch (op) {
    case OP_HALT: *executed = n; return sp > 0 ? stack[sp - 1] : 0;
    case OP_PUSH: stack[sp++] = (uint64_t)(int64_t)code[pc++]; break;
    case OP_LOAD: stack[sp++] = loc[code[pc++]]; break;
    case OP_STORE: loc[code[pc++]] = stack[--sp]; break;
    case OP_ADD: sp--, stack[sp - 1] += stack[sp]; break;
    case OP_SUB: sp--, stack[sp - 1] -= stack[sp]; break;
    case OP_MUL: sp--, stack[sp - 1] *= stack[sp]; break;
    case OP_AND: sp--, stack[sp - 1] &= stack[sp]; break;
    case OP_OR: sp--, stack[sp - 1] |= stack[sp]; break;
    case OP_XOR: sp--, stack[sp - 1] ^= stack[sp]; break;
    case OP_SHL: sp--, stack[sp - 1] <<= (stack[sp] & 63); break;
    case OP_SHR: sp--, stack[sp - 1] >>= (stack[sp] & 63); break;
    case OP_LTU: sp--, stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case OP_EQ: sp--, stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
    case OP_NE: sp--, stack[sp - 1] = stack[sp - 1] != stack[sp]; break;
    case OP_JMP: pc = code[pc]; break;
    case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
    case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
    case OP_INC: loc[code[pc]] += (uint64_t)(int64_t)code[pc + 1], pc += 2; break;
    case OP_LDM: stack[sp - 1] = mem[stack[sp - 1] & (MEMSIZE - 1)]; break;
    case OP_STM: sp -= 2, mem[stack[sp] & (MEMSIZE - 1)] = stack[sp + 1]; break;
    case OP_DUP: stack[sp] = stack[sp - 1], sp++; break;
    case OP_DROP: sp--; break;
    case OP_SWAP: {
      uint64_t t = stack[sp - 1];
      stack[sp - 1] = stack[sp - 2];
      stack[sp - 2] = t;
      break;
    }
    default: *executed = n; return ~0ull;
    }
  }
}

uint64_t bench_run(void) {
  for (int i = 0; i < MEMSIZE; i++) mem[i] = 0;
  assemble();
  uint64_t loc[8] = {0};
  loc[L_LIMIT] = LIMIT;
  uint64_t executed = 0;
  uint64_t h = run(loc, &executed);
  h = hash_add(h, executed);
  for (int i = 0; i < MEMSIZE; i++) h = hash_add(h, mem[i]);
  return mix64(h);
}
