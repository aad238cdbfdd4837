// ccBPF instruction set: one X-macro table so the VM, the verifier, the disassembler
// and the compiler can never disagree about an opcode's number, operand or stack effect.
#pragma once
#include <stdint.h>

namespace tern::ccbpf {

// What the 32-bit `imm` (and sometimes `a`/`b`) field of an instruction means.
enum class Operand : uint8_t {
    None,           // no operand
    Imm,            // imm is a constant
    Local,          // imm is a byte offset of a 32-bit slot in the frame
    LocalAddr,      // imm is a byte offset inside the frame (address taken, may be the end)
    Global,         // imm is the address of a 32-bit global
    Jump,           // imm is an instruction index inside the same function
    JumpLocal,      // b is a frame offset of a 32-bit slot, imm a jump target
    JumpImm,        // a:b is a 24-bit signed constant (a the high byte), imm a jump target
    Func,           // imm is a function index, a the argument count
    Builtin,        // a is a built-in number, imm the argument count
    Ret,            // imm is the argument count of the current function
    IncLocal,       // imm is a frame offset of a 32-bit slot, b the signed delta
    Size,           // imm is a byte count
    Shift,          // a is a shift count 0..31
    ShiftImm,       // a is a shift count 0..31, imm a constant
    LocalShiftImm,  // b is a frame offset of a 32-bit slot, a a shift count, imm a constant
    StepBranch,     // b is a frame offset of a 32-bit slot, imm a constant, a a signed
                    // jump distance: the target is this instruction's index + (int8_t)a
};

// clang-format off
// X(name, operand, pops, pushes). Binary operators come in three forms:
//   OP   acc = pop() OP acc
//   OPI  acc = acc OP imm
//   OPL  acc = acc OP local[imm]
#define CCBPF_BINOPS(X) \
    X(ADD) X(SUB) X(MUL) X(DIVS) X(DIVU) X(MODS) X(MODU) X(AND) X(OR) X(XOR) X(SHL) X(SHRS) \
    X(SHRU) X(EQ) X(NE) X(LTS) X(LTU) X(LES) X(LEU) X(GTS) X(GTU) X(GES) X(GEU)

#define CCBPF_CMPS(X) \
    X(EQ) X(NE) X(LTS) X(LTU) X(LES) X(LEU) X(GTS) X(GTU) X(GES) X(GEU)

#define CCBPF_BINOP_FORMS(OP) \
    X(OP, None, 1, 0) X(OP##I, Imm, 0, 0) X(OP##L, Local, 0, 0)
#define CCBPF_JCMP_FORMS(OP) \
    X(J##OP##L, JumpLocal, 0, 0) X(J##OP##I, JumpImm, 0, 0) X(J##OP##S, Jump, 1, 0)

#define CCBPF_OPCODES_BASE(X)                                                             \
    X(LI, Imm, 0, 0) X(LDL, Local, 0, 0) X(STL, Local, 0, 0) X(LEAL, LocalAddr, 0, 0)    \
    X(LDG, Global, 0, 0) X(STG, Global, 0, 0) X(PUSH, None, 0, 1) X(PUSHL, Local, 0, 1)   \
    X(PUSHI, Imm, 0, 1) X(POP, None, 1, 0) X(DROP, None, 1, 0) X(LD8S, None, 0, 0)        \
    X(LD8U, None, 0, 0) X(LD16S, None, 0, 0) X(LD16U, None, 0, 0) X(LD32, None, 0, 0)     \
    X(ST8, None, 1, 0) X(ST16, None, 1, 0) X(ST32, None, 1, 0) X(SX8, None, 0, 0)         \
    X(ZX8, None, 0, 0) X(SX16, None, 0, 0) X(ZX16, None, 0, 0) X(BOOL, None, 0, 0)        \
    X(NEG, None, 0, 0) X(NOT, None, 0, 0) X(LNOT, None, 0, 0) X(JMP, Jump, 0, 0)          \
    X(JZ, Jump, 0, 0) X(JNZ, Jump, 0, 0) X(CALL, Func, 0, 0) X(RET, Ret, 0, 0)            \
    X(CALLB, Builtin, 0, 0) X(INCL, IncLocal, 0, 0) X(MEMCPY, Size, 1, 0)                 \
    X(MEMZERO, Size, 0, 0) X(IDX, Shift, 1, 0) X(LDLX, Local, 0, 0)                      \
    X(ADDSH, ShiftImm, 0, 0) X(RSUBI, Imm, 0, 0) X(LD8SX, ShiftImm, 0, 0)                 \
    X(LD8UX, ShiftImm, 0, 0) X(LD16SX, ShiftImm, 0, 0) X(LD16UX, ShiftImm, 0, 0)          \
    X(LD32X, ShiftImm, 0, 0) X(LD8SO, Imm, 0, 0) X(LD8UO, Imm, 0, 0) X(LD16SO, Imm, 0, 0) \
    X(LD16UO, Imm, 0, 0) X(LD32O, Imm, 0, 0) X(LD8SL, Local, 0, 0) X(LD8UL, Local, 0, 0)      \
    X(LD16SL, Local, 0, 0) X(LD16UL, Local, 0, 0) X(LD32L, Local, 0, 0)                  \
    X(LD8SS, Shift, 1, 0) X(LD8US, Shift, 1, 0) X(LD16SS, Shift, 1, 0)                    \
    X(LD16US, Shift, 1, 0) X(LD32S, Shift, 1, 0) X(ADDSHL, LocalShiftImm, 0, 0)           \
    X(LD8SLX, LocalShiftImm, 0, 0) X(LD8ULX, LocalShiftImm, 0, 0) X(LD32LX, LocalShiftImm, 0, 0) \
    X(IDXL, LocalShiftImm, 0, 0) X(LD8SIL, LocalShiftImm, 0, 0) X(LD8UIL, LocalShiftImm, 0, 0)   \
    X(LD32IL, LocalShiftImm, 0, 0) X(LDL8S, Local, 0, 0) X(LDL8U, Local, 0, 0)                   \
    X(LDL16S, Local, 0, 0) X(LDL16U, Local, 0, 0) X(ST8LX, LocalShiftImm, 0, 0)                  \
    X(ST16LX, LocalShiftImm, 0, 0) X(ST32LX, LocalShiftImm, 0, 0)

// Instructions added after the first frozen image: numbered after everything above.
#define CCBPF_OPCODES_TAIL(X)                                                    \
    X(MULLI, LocalShiftImm, 0, 0) X(RIDX, Imm, 1, 0) X(INCLL, IncLocal, 0, 0) \
    X(ADDSTL, Local, 0, 0) X(PUSHLDL, Local, 0, 1) X(ST8LP, IncLocal, 0, 0)     \
    X(ST16LP, IncLocal, 0, 0) X(ST32LP, IncLocal, 0, 0) X(STEPLTS, StepBranch, 0, 0)   \
    X(STEPLTU, StepBranch, 0, 0)

// clang-format on

// Superinstructions (the compiler's peepholes produce them; each replaces a common pair):
//   LDLX   acc = local32[imm] + (acc << a)        pointer in a local + scaled index
//   ADDSH  acc = imm + (acc << a)                  SHLI a; ADDI imm
//   RSUBI  acc = imm - acc                         NEG; ADDI imm
//   LDxX   acc = load(imm + (acc << a))            ADDSH a, imm; LDx
//   LDxO   acc = load(acc + imm)                   ADDI imm; LDx
//   LDxL   acc = load(local32[imm])                LDL imm; LDx   (*p for a local p)
//   LDxS   acc = load(pop() + (acc << a))          IDX a; LDx      (p[i] for any p)
//   ADDSHL acc = imm + (local32[b] << a)           LDL b; ADDSH a, imm   (&g[i])
//   LDxLX  acc = load(imm + (local32[b] << a))     LDL b; LDxX a, imm    (g[i])
//   IDXL   acc = acc + imm + (local32[b] << a)     PUSH; LDL b; IDX a    (row[k])
//   LDxIL  acc = load(acc + imm + (local32[b] << a))  IDXL; LDx          (g[i][k])
//   LDLxx  acc = load a 1- or 2-byte local directly   LEAL; LDx
//   STxLX  store(imm + (local32[b] << a), acc)      g[i] = v: v first, no push
//   MULLI  acc = local32[b] * imm                  LDL b; MULI imm   (row offsets)
//   RIDX   acc = acc + pop() * imm                 integer + pointer, the integer pushed first
//   JcmpS  if (pop() cmp acc) goto imm             cmp; JNZ
//   INCLL  local32[imm] += b; acc = local32[imm]   INCL; LDL     (loop step, then its test)
//   ADDSTL acc += local32[imm]; local32[imm] = acc  ADDL; STL    (s += e)
//   PUSHLDL push(acc); acc = local32[imm]         PUSH; LDL     (e OP x...)
//   STxLP  store(local32[imm], acc); local32[imm] += b   *p++ = v, *p-- = v, *p = v (b 0)
//   STEPLTx  acc = ++local32[b]; if (acc < imm) goto here + (int8_t)a
//                                                 INCLL +1; JLTxI: a counting loop's step and
//                                                 test. It replaces the INCLL and leaves the
//                                                 JLTxI after it, which on the way out tests
//                                                 the same acc again and falls through.

// Opcode numbers are part of image format version 1 (docs/ccbpf-image.md) and are frozen:
// add new instructions at the end of the table and never reorder; anything else needs a
// new image version. tests/ccbpf/frozen/ holds a v1 image that must keep loading.
enum Opcode : uint8_t {
#define X(name, operand, pops, pushes) OP_##name,
    CCBPF_OPCODES_BASE(X)
#define Y(OP) CCBPF_BINOP_FORMS(OP)
        CCBPF_BINOPS(Y)
#undef Y
#define Y(OP) CCBPF_JCMP_FORMS(OP)
            CCBPF_CMPS(Y)
#undef Y
                CCBPF_OPCODES_TAIL(X)
#undef X
                    OP_COUNT
};

struct OpInfo {
    const char* name;
    Operand operand;
    uint8_t pops;  // CALL and CALLB pop their argument count in addition
    uint8_t pushes;
};

// Indexed by opcode; OP_COUNT entries.
extern const OpInfo kOpInfo[OP_COUNT];

// One fixed-width instruction: 8 bytes, little-endian on every architecture.
struct Insn {
    uint8_t op;
    uint8_t a;
    int16_t b;
    int32_t imm;
};
static_assert(sizeof(Insn) == 8, "instructions are 8 bytes");

// Built-in functions, numbered as in the image. `args` < 0 means variadic (printf).
// clang-format off
#define CCBPF_BUILTINS(X)                                                          \
    X(PRINTF, "printf", -1) X(PUTCHAR, "putchar", 1) X(PUTS, "puts", 1)            \
    X(SLEEP_MS, "sleep_ms", 1) X(TIME_MS, "time_ms", 0) X(YIELD, "yield", 0)       \
    X(NODE_ID, "node_id", 0) X(NODE_NAME, "node_name", 0) X(MIGRATE, "migrate", 1) \
    X(RAND, "rand", 0) X(SRAND, "srand", 1) X(ABORT, "abort", 0) X(EXIT, "exit", 1)
// clang-format on

enum Builtin : uint8_t {
#define X(id, name, args) BI_##id,
    CCBPF_BUILTINS(X)
#undef X
        BI_COUNT
};

struct BuiltinInfo {
    const char* name;
    int8_t args;
};
extern const BuiltinInfo kBuiltinInfo[BI_COUNT];

constexpr int kMaxPrintfArgs = 16;

// The target of a StepBranch instruction at index pc.
inline int64_t step_target(const Insn& in, uint32_t pc) {
    return int64_t(pc) + int8_t(in.a);
}

// The 24-bit constant of a JumpImm instruction.
inline int32_t jump_imm(const Insn& in) {
    uint32_t v = (uint32_t(in.a) << 16) | uint16_t(in.b);
    return int32_t(v << 8) >> 8;
}

}  // namespace tern::ccbpf
