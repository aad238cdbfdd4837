// The code emitter: instruction encoding, evaluation-stack depth tracking, jump chains,
// the line table, lazy operands (Val) and the peepholes that make one-pass code fast.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

// Loads that have "+ offset" (O) and "+ scaled index" (X) forms.
static bool has_indexed_form(Opcode op, Opcode* x, Opcode* o, Opcode* l, Opcode* s) {
    switch (op) {
        case OP_LD8S:
            *x = OP_LD8SX;
            *o = OP_LD8SO;
            *l = OP_LD8SL;
            *s = OP_LD8SS;
            return true;
        case OP_LD8U:
            *x = OP_LD8UX;
            *o = OP_LD8UO;
            *l = OP_LD8UL;
            *s = OP_LD8US;
            return true;
        case OP_LD16S:
            *x = OP_LD16SX;
            *o = OP_LD16SO;
            *l = OP_LD16SL;
            *s = OP_LD16SS;
            return true;
        case OP_LD16U:
            *x = OP_LD16UX;
            *o = OP_LD16UO;
            *l = OP_LD16UL;
            *s = OP_LD16US;
            return true;
        case OP_LD32:
            *x = OP_LD32X;
            *o = OP_LD32O;
            *l = OP_LD32L;
            *s = OP_LD32S;
            return true;
        default:
            return false;
    }
}

// Combines `op` with the previous instruction when a superinstruction does both. Returns
// true when nothing more needs emitting. Only looks past the last jump target (barrier).
bool Compiler::fuse(Opcode op, int32_t imm) {
    Insn* l = last();
    if (!l) return false;
    Opcode x, o, lf, sf;
    switch (op) {
        case OP_ADDI:
            if (l->op == OP_ADDI || l->op == OP_LI || l->op == OP_ADDSH || l->op == OP_ADDSHL ||
                l->op == OP_RSUBI || l->op == OP_IDXL) {
                l->imm = int32_t(uint32_t(l->imm) + uint32_t(imm));  // same sum, one step
                return true;
            }
            if (l->op == OP_SHLI && l->imm >= 0 && l->imm < 32) {
                l->op = OP_ADDSH;
                l->a = uint8_t(l->imm);
                l->imm = imm;
                Insn* p = before_last();
                if (p && p->op == OP_LDL && p->imm <= 32767) {  // &g[i] with i a local
                    Insn fused{OP_ADDSHL, l->a, int16_t(p->imm), l->imm};
                    drop_last();
                    *p = fused;
                }
                return true;
            }
            if (l->op == OP_NEG) {
                l->op = OP_RSUBI;
                l->imm = imm;
                return true;
            }
            if (imm == 0) return true;
            if (l->op == OP_LDL && l->imm <= 32767) {  // local + k (i + 1, p->member)
                *l = Insn{OP_ADDSHL, 0, int16_t(l->imm), imm};
                return true;
            }
            return false;
        case OP_SX8:
        case OP_ZX8:
        case OP_SX16:
        case OP_ZX16:
        case OP_BOOL:
            if (l->op == OP_LI) {  // a converted constant: convert it now
                int32_t v = l->imm;
                l->imm = op == OP_SX8    ? int32_t(int8_t(v))
                         : op == OP_ZX8  ? int32_t(uint8_t(v))
                         : op == OP_SX16 ? int32_t(int16_t(v))
                         : op == OP_ZX16 ? int32_t(uint16_t(v))
                                         : int32_t(v != 0);
                return true;
            }
            return false;
        case OP_LDL:
            if (l->op == OP_PUSH) {  // the right operand starts with a local
                l->op = OP_PUSHLDL;
                l->imm = imm;
                return true;
            }
            return false;
        case OP_STL:
            if (l->op == OP_ADDL && l->imm == imm) {  // s += e
                l->op = OP_ADDSTL;
                return true;
            }
            return false;
        case OP_MULI:
            if (l->op == OP_LDL && l->imm <= 32767) {  // row offset from a local index
                l->op = OP_MULLI;
                l->b = int16_t(l->imm);
                l->imm = imm;
                return true;
            }
            return false;
        case OP_SHLI:
            if (l->op == OP_ADDI && imm >= 0 && imm < 32) {
                // (x + k) << s == (x << s) + (k << s): keeps constants at the end, where
                // they fold into the address.
                int32_t k = l->imm;
                drop_last();
                emit(OP_SHLI, imm);
                emit(OP_ADDI, int32_t(uint32_t(k) << imm));
                return true;
            }
            if (l->op == OP_ADDSHL && imm >= 0 && l->a + imm < 32) {  // (i + k) << s
                l->a = uint8_t(l->a + imm);
                l->imm = int32_t(uint32_t(l->imm) << imm);
                return true;
            }
            return false;
        default:
            if (has_indexed_form(op, &x, &o, &lf, &sf)) {
                if (l->op == OP_IDX) {
                    l->op = sf;
                    return true;
                }
                if (l->op == OP_LDL) {
                    l->op = lf;
                    return true;
                }
                if (l->op == OP_IDXL && (op == OP_LD8S || op == OP_LD8U || op == OP_LD32)) {
                    l->op = op == OP_LD8S ? OP_LD8SIL : op == OP_LD8U ? OP_LD8UIL : OP_LD32IL;
                    return true;
                }
                if (l->op == OP_LEAL && l->imm % 4 == 0) {  // a small local, read in place
                    l->op = op == OP_LD8S    ? OP_LDL8S
                            : op == OP_LD8U  ? OP_LDL8U
                            : op == OP_LD16S ? OP_LDL16S
                            : op == OP_LD16U ? OP_LDL16U
                                             : OP_LDL;
                    return true;
                }
                if (l->op == OP_ADDSHL && (op == OP_LD8S || op == OP_LD8U || op == OP_LD32)) {
                    l->op = op == OP_LD8S ? OP_LD8SLX : op == OP_LD8U ? OP_LD8ULX : OP_LD32LX;
                    return true;
                }
                if (l->op == OP_ADDSH) {
                    l->op = x;
                    return true;
                }
                if (l->op == OP_ADDI) {
                    l->op = o;
                    return true;
                }
            }
            return false;
    }
}

uint32_t Compiler::emit(Opcode op, int32_t imm, uint8_t a, int16_t b) {
    if (failed()) return ncode;
    if (op == OP_SUBI) {  // x - k is x + (-k): one form for the peepholes to combine
        op = OP_ADDI;
        imm = int32_t(0u - uint32_t(imm));
    }
    if (fuse(op, imm)) return ncode - 1;
    uint64_t need = kImageHeaderSize + (uint64_t(ncode) + 1) * sizeof(Insn) + global_top;
    if (need > out_cap) {
        error_here("program too large for the output buffer (code)");
        return ncode;
    }
    Insn& i = code[ncode];
    i.op = op;
    i.a = a;
    i.b = b;
    i.imm = imm;
    int pops = kOpInfo[op].pops;
    if (op == OP_CALLB) pops += imm;
    if (op == OP_CALL) pops += a;
    depth += kOpInfo[op].pushes - pops;
    if (depth > max_depth) max_depth = depth;
    return ncode++;
}

uint32_t Compiler::here() {
    barrier = ncode;
    return ncode;
}

Insn* Compiler::last() {
    return (ncode > barrier && !failed()) ? &code[ncode - 1] : nullptr;
}

Insn* Compiler::before_last() {
    return (ncode > barrier + 1 && !failed()) ? &code[ncode - 2] : nullptr;
}

void Compiler::drop_last() {
    Insn& i = code[ncode - 1];
    int pops = kOpInfo[i.op].pops;
    if (i.op == OP_CALLB) pops += i.imm;
    if (i.op == OP_CALL) pops += i.a;
    depth -= kOpInfo[i.op].pushes - pops;
    ncode--;
}

int32_t Compiler::emit_jump(Opcode op, int32_t chain) {
    return int32_t(emit(op, chain));
}

void Compiler::patch_chain(int32_t chain, uint32_t target) {
    if (failed()) return;
    while (chain != kNoChain) {
        int32_t next = code[chain].imm;
        code[chain].imm = int32_t(target);
        chain = next;
    }
    if (target == ncode) barrier = ncode;
}

void Compiler::drop_lines_from(uint32_t pc) {
    // Entries are sorted by pc: the first block holding one at or past `pc` ends the table.
    // A block left empty is unlinked, so the tail's last entry is always the table's last.
    LineBlock* prev = nullptr;
    for (LineBlock* b = lines; b; prev = b, b = b->next) {
        uint32_t keep = 0;
        while (keep < b->n && b->e[keep].pc < pc) keep++;
        if (keep == b->n) continue;
        b->n = keep;
        b->next = nullptr;
        lines_tail = b;
        if (keep == 0 && prev) {
            prev->next = nullptr;
            lines_tail = prev;
        }
        last_line = lines_tail->n ? lines_tail->e[lines_tail->n - 1].line : 0;
        return;
    }
}

void Compiler::mark_line(uint32_t line) {
    if (failed()) return;
    if (lines_tail && lines_tail->n && lines_tail->e[lines_tail->n - 1].pc > ncode)
        drop_lines_from(ncode + 1);  // a peephole took back instructions a line entry named
    LineBlock* b = lines_tail;
    if (b && b->n && b->e[b->n - 1].pc == ncode) {
        b->e[b->n - 1].line = uint16_t(line);
        last_line = line;
        return;
    }
    if (line == last_line) return;
    if (ncode > 0xffff || line > 0xffff) {
        error_here("program too large (more than 65535 instructions or lines)");
        return;
    }
    if (!b || b->n == 16) {
        LineBlock* nb = static_cast<LineBlock*>(arena->alloc(sizeof(LineBlock)));
        if (!nb) {
            error_here("out of compiler memory (line table)");
            return;
        }
        if (b)
            b->next = nb;
        else
            lines = nb;
        lines_tail = b = nb;
    }
    b->e[b->n++] = PackedLine{uint16_t(ncode), uint16_t(line)};
    last_line = line;
}

static Opcode load_op(const Type* t) {
    switch (t->kind) {
        case TY_I8:
            return OP_LD8S;
        case TY_U8:
        case TY_BOOL:
            return OP_LD8U;
        case TY_I16:
            return OP_LD16S;
        case TY_U16:
            return OP_LD16U;
        default:
            return OP_LD32;
    }
}

static Opcode store_op(const Type* t) {
    switch (t->size) {
        case 1:
            return OP_ST8;
        case 2:
            return OP_ST16;
        default:
            return OP_ST32;
    }
}

void Compiler::load(Val& v) {
    Type* t = v.t;
    if (t->kind == TY_STRUCT) {
        error_here("a struct value cannot be used here");
        v.k = V_ACC;
        return;
    }
    if (t->kind == TY_VOID && v.k != V_ACC && v.k != V_CONST) {
        error_here("void value used in an expression");
        v.k = V_ACC;
        return;
    }
    bool array = t->kind == TY_ARRAY;
    switch (v.k) {
        case V_CONST:
        case V_ADDR:
            emit(OP_LI, v.v);
            break;
        case V_LOCAL:
            if (array)
                emit(OP_LEAL, v.v);
            else if (t->size == 4)
                emit(OP_LDL, v.v);
            else {
                emit(OP_LEAL, v.v);
                emit(load_op(t));
            }
            break;
        case V_GLOBAL:
            if (array)
                emit(OP_LI, v.v);
            else if (t->size == 4)
                emit(OP_LDG, v.v);
            else {
                emit(OP_LI, v.v);
                emit(load_op(t));
            }
            break;
        case V_MEM:
            if (!array) emit(load_op(t));
            break;
        case V_ACC:
            break;
        case V_FUNC:
        case V_BUILTIN:
            error_here("function pointers are not supported (call the function instead)");
            break;
    }
    if (array) v.t = pointer_to(t->base);
    v.k = V_ACC;
}

void Compiler::load_address(Val& v) {
    switch (v.k) {
        case V_LOCAL:
            emit(OP_LEAL, v.v);
            break;
        case V_GLOBAL:
            emit(OP_LI, v.v);
            break;
        case V_MEM:
            break;
        case V_FUNC:
        case V_BUILTIN:
            error_here("function pointers are not supported");
            break;
        default:
            error_here("expected an lvalue (cannot take the address of a value)");
            break;
    }
    v.k = V_ACC;
    v.t = pointer_to(v.t);
}

static int32_t fold_convert(int32_t v, const Type* to) {
    switch (to->kind) {
        case TY_BOOL:
            return v != 0;
        case TY_I8:
            return int8_t(v);
        case TY_U8:
            return uint8_t(v);
        case TY_I16:
            return int16_t(v);
        case TY_U16:
            return uint16_t(v);
        default:
            return v;
    }
}

// Does every value of `from` fit `to` unchanged (so no instruction is needed)?
static bool fits(const Type* from, const Type* to) {
    auto range = [](const Type* t, int64_t* lo, int64_t* hi) {
        switch (t->kind) {
            case TY_BOOL:
                *lo = 0;
                *hi = 1;
                return;
            case TY_I8:
                *lo = -128;
                *hi = 127;
                return;
            case TY_U8:
                *lo = 0;
                *hi = 255;
                return;
            case TY_I16:
                *lo = -32768;
                *hi = 32767;
                return;
            case TY_U16:
                *lo = 0;
                *hi = 65535;
                return;
            case TY_I32:
                *lo = INT32_MIN;
                *hi = INT32_MAX;
                return;
            default:
                *lo = 0;
                *hi = UINT32_MAX;
                return;
        }
    };
    if (to->size == 4 && to->kind != TY_BOOL) return true;  // 32-bit: same bits either way
    int64_t a, b, c, d;
    range(from, &a, &b);
    range(to, &c, &d);
    return a >= c && b <= d;
}

void Compiler::convert(Val& v, Type* to) {
    if (to->kind == TY_VOID) return;
    if (to->kind == TY_STRUCT || v.t->kind == TY_STRUCT) {
        if (to != v.t) error_here("incompatible struct types");
        return;
    }
    if (v.k == V_CONST) {
        v.v = fold_convert(v.v, to);
        v.t = to;
        return;
    }
    if (v.k != V_ACC) load(v);
    if (!fits(v.t, to)) {
        switch (to->kind) {
            case TY_BOOL:
                emit(OP_BOOL);
                break;
            case TY_I8:
                emit(OP_SX8);
                break;
            case TY_U8:
                emit(OP_ZX8);
                break;
            case TY_I16:
                emit(OP_SX16);
                break;
            case TY_U16:
                emit(OP_ZX16);
                break;
            default:
                break;
        }
    }
    v.t = to;
}

// acc holds the value; for V_MEM destinations the address was pushed first.
void Compiler::store(Val& dst, Type* /*src_type*/) {
    switch (dst.k) {
        case V_LOCAL:
            emit(OP_STL, dst.v);
            break;
        case V_GLOBAL:
            emit(OP_STG, dst.v);
            break;
        default:
            emit(store_op(dst.t));
            break;
    }
}

// ---- conditions

static Opcode negate_cmp(Opcode op) {
    switch (op) {
        case OP_EQ:
            return OP_NE;
        case OP_NE:
            return OP_EQ;
        case OP_LTS:
            return OP_GES;
        case OP_GES:
            return OP_LTS;
        case OP_LTU:
            return OP_GEU;
        case OP_GEU:
            return OP_LTU;
        case OP_LES:
            return OP_GTS;
        case OP_GTS:
            return OP_LES;
        case OP_LEU:
            return OP_GTU;
        case OP_GTU:
            return OP_LEU;
        default:
            return op;
    }
}

enum CmpForm { kCmpStack, kCmpImm, kCmpLocal };

// Maps a compare instruction to the plain comparison and its operand form.
static bool split_cmp(Opcode op, Opcode* cmp, CmpForm* form) {
#define Y(OP)                                                                       \
    if (op == OP_##OP || op == OP_##OP##I || op == OP_##OP##L) {                    \
        *cmp = OP_##OP;                                                             \
        *form = op == OP_##OP ? kCmpStack : op == OP_##OP##I ? kCmpImm : kCmpLocal; \
        return true;                                                                \
    }
    CCBPF_CMPS(Y)
#undef Y
    return false;
}

static Opcode jump_form(Opcode cmp, CmpForm form) {
#define Y(OP)           \
    if (cmp == OP_##OP) \
        return form == kCmpStack ? OP_J##OP##S : form == kCmpLocal ? OP_J##OP##L : OP_J##OP##I;
    CCBPF_CMPS(Y)
#undef Y
    return OP_JNZ;
}

static void branch(Compiler* c, Val& cond, int32_t* chain, bool when) {
    if (cond.k == V_CONST) {
        if ((cond.v != 0) == when) *chain = c->emit_jump(OP_JMP, *chain);
        return;
    }
    c->load(cond);
    Insn* l = c->last();
    Opcode cmp;
    CmpForm form;
    bool fused = l && split_cmp(Opcode(l->op), &cmp, &form);
    if (fused && form == kCmpImm) fused = l->imm >= -(1 << 23) && l->imm < (1 << 23);
    if (fused && form == kCmpLocal) fused = l->imm <= 32767;
    if (fused) {
        // Fuse "compare; branch" into one instruction: the hot path of every loop.
        if (!when) cmp = negate_cmp(cmp);
        int32_t operand = form == kCmpStack ? 0 : l->imm;
        uint8_t high = form == kCmpImm ? uint8_t(uint32_t(operand) >> 16) : 0;
        c->drop_last();
        *chain = int32_t(c->emit(jump_form(cmp, form), *chain, high, int16_t(operand & 0xffff)));
        return;
    }
    if (l && l->op == OP_LNOT) {
        c->drop_last();
        when = !when;
    } else if (l && l->op == OP_BOOL) {
        c->drop_last();
    }
    *chain = c->emit_jump(when ? OP_JNZ : OP_JZ, *chain);
}

void Compiler::branch_false(Val& cond, int32_t* chain) {
    branch(this, cond, chain, false);
}
void Compiler::branch_true(Val& cond, int32_t* chain) {
    branch(this, cond, chain, true);
}

// ---- moving code (loop conditions and steps are emitted after the body)

uint32_t Compiler::cut_code(uint32_t from, Insn** saved) {
    uint32_t n = ncode - from;
    *saved = nullptr;
    if (failed()) return 0;
    if (n) {
        *saved = static_cast<Insn*>(arena->alloc_top(n * sizeof(Insn)));
        if (!*saved) {
            error_here("out of compiler memory (loop)");
            return 0;
        }
        memcpy(*saved, &code[from], n * sizeof(Insn));
    }
    ncode = from;
    barrier = from;
    drop_lines_from(from);
    return n;
}

void Compiler::paste_code(const Insn* saved, uint32_t n, uint32_t from_pc, bool join) {
    uint32_t start = join ? ncode : here();
    int32_t delta = int32_t(start) - int32_t(from_pc);
    auto internal = [&](const Insn& in) {
        Operand o = kOpInfo[in.op].operand;
        return (o == Operand::Jump || o == Operand::JumpLocal || o == Operand::JumpImm) &&
               uint32_t(in.imm) >= from_pc && uint32_t(in.imm) <= from_pc + n;
    };
    uint32_t i = 0;
    if (join) {
        // Nothing jumps to the start of the pasted code (a jump inside it only goes
        // forward), so its first instruction may combine with the one before.
        Insn* l = last();
        bool fused = false;
        if (n && l && saved[0].op == OP_LDL && l->imm == saved[0].imm) {
            if (l->op == OP_INCL) {  // i++, then i < n
                l->op = OP_INCLL;
                fused = true;
            } else if (l->op == OP_STL || l->op == OP_ADDSTL) {  // acc already holds it
                fused = true;
            }
        }
        if (fused) {
            i = 1;
            delta--;
        } else {
            here();
        }
    }
    uint32_t max_target = ncode;
    for (; i < n && !failed(); i++) {
        // Instructions that are jump targets must not combine with the one before.
        for (uint32_t j = 0; j < n; j++)
            if (internal(saved[j]) && uint32_t(saved[j].imm) == from_pc + i) {
                here();
                break;
            }
        Insn in = saved[i];
        if (internal(in)) {
            in.imm += delta;
            if (uint32_t(in.imm) > max_target) max_target = uint32_t(in.imm);
        }
        emit(Opcode(in.op), in.imm, in.a, in.b);
    }
    if (max_target > barrier && max_target <= ncode) barrier = max_target;
}

void Compiler::thread_jumps(uint32_t entry) {
    if (failed()) return;
    for (uint32_t pc = entry; pc < ncode; pc++) {
        Insn& in = code[pc];
        Operand o = kOpInfo[in.op].operand;
        if (o != Operand::Jump && o != Operand::JumpLocal && o != Operand::JumpImm) continue;
        uint32_t t = uint32_t(in.imm);
        for (int hops = 0; hops < 8 && t < ncode && code[t].op == OP_JMP; hops++)
            t = uint32_t(code[t].imm);
        if (in.op == OP_JMP && t < ncode && code[t].op == OP_RET)
            in = code[t];  // same stack depth at both ends: the RET pops the same
        else if (t < ncode)
            in.imm = int32_t(t);
    }
}

// A counting loop's step and test, INCLL +1 then JLTSI / JLTUI back to the body, becomes
// one STEPLTx (half the dispatches of the loop's overhead). The JLTxI stays where it was,
// so no instruction moves and no jump needs fixing: jumps to it still work, and the
// STEPLTx falls through to it when the loop ends (it then tests the same acc again).
// Runs last, after jump threading, on code that no longer moves.
void Compiler::fuse_loop_steps(uint32_t entry) {
    if (failed()) return;
    for (uint32_t pc = entry; pc + 1 < ncode; pc++) {
        Insn& step = code[pc];
        const Insn& test = code[pc + 1];
        if (step.op != OP_INCLL || step.b != 1 || (test.op != OP_JLTSI && test.op != OP_JLTUI))
            continue;
        int64_t distance = int64_t(test.imm) - pc;
        if (distance < -128 || distance > 127 || step.imm > INT16_MAX) continue;
        step = Insn{uint8_t(test.op == OP_JLTSI ? OP_STEPLTS : OP_STEPLTU),
                    uint8_t(int8_t(distance)), int16_t(step.imm), jump_imm(test)};
    }
}

}  // namespace tern::ccbpf
