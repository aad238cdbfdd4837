// Expressions: precedence climbing over lazy operands, with constant folding and the
// "binary op against a constant or a local" forms that keep the accumulator machine fast.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

namespace {

bool is_compare(Tok k) {
    return prec_of(k) == 6 || prec_of(k) == 7;
}

// The plain (stack) form of an operator; +1 is the immediate form, +2 the local form.
Opcode base_op(Tok k, bool is_unsigned) {
    switch (k) {
        case T_PLUS:
            return OP_ADD;
        case T_MINUS:
            return OP_SUB;
        case T_STAR:
            return OP_MUL;
        case T_SLASH:
            return is_unsigned ? OP_DIVU : OP_DIVS;
        case T_PERCENT:
            return is_unsigned ? OP_MODU : OP_MODS;
        case T_AMP:
            return OP_AND;
        case T_PIPE:
            return OP_OR;
        case T_CARET:
            return OP_XOR;
        case T_SHL:
            return OP_SHL;
        case T_SHR:
            return is_unsigned ? OP_SHRU : OP_SHRS;
        case T_EQ:
            return OP_EQ;
        case T_NE:
            return OP_NE;
        case T_LT:
            return is_unsigned ? OP_LTU : OP_LTS;
        case T_LE:
            return is_unsigned ? OP_LEU : OP_LES;
        case T_GT:
            return is_unsigned ? OP_GTU : OP_GTS;
        case T_GE:
            return is_unsigned ? OP_GEU : OP_GES;
        default:
            return OP_ADD;
    }
}

// The comparison that holds when the operands are swapped (c < x  <=>  x > c).
Tok swap_cmp(Tok k) {
    switch (k) {
        case T_LT:
            return T_GT;
        case T_GT:
            return T_LT;
        case T_LE:
            return T_GE;
        case T_GE:
            return T_LE;
        default:
            return k;
    }
}

// Same arithmetic as the VM (32-bit, wrapping, shifts masked). False on division by zero.
bool fold(Opcode op, uint32_t a, uint32_t b, uint32_t* r) {
    int32_t sa = int32_t(a), sb = int32_t(b);
    switch (op) {
        case OP_ADD:
            *r = a + b;
            return true;
        case OP_SUB:
            *r = a - b;
            return true;
        case OP_MUL:
            *r = a * b;
            return true;
        case OP_DIVS:
            if (!b) return false;
            *r = (sa == INT32_MIN && sb == -1) ? a : uint32_t(sa / sb);
            return true;
        case OP_DIVU:
            if (!b) return false;
            *r = a / b;
            return true;
        case OP_MODS:
            if (!b) return false;
            *r = (sa == INT32_MIN && sb == -1) ? 0 : uint32_t(sa % sb);
            return true;
        case OP_MODU:
            if (!b) return false;
            *r = a % b;
            return true;
        case OP_AND:
            *r = a & b;
            return true;
        case OP_OR:
            *r = a | b;
            return true;
        case OP_XOR:
            *r = a ^ b;
            return true;
        case OP_SHL:
            *r = a << (b & 31);
            return true;
        case OP_SHRS:
            *r = uint32_t(sa >> (b & 31));
            return true;
        case OP_SHRU:
            *r = a >> (b & 31);
            return true;
        case OP_EQ:
            *r = a == b;
            return true;
        case OP_NE:
            *r = a != b;
            return true;
        case OP_LTS:
            *r = sa < sb;
            return true;
        case OP_LTU:
            *r = a < b;
            return true;
        case OP_LES:
            *r = sa <= sb;
            return true;
        case OP_LEU:
            *r = a <= b;
            return true;
        case OP_GTS:
            *r = sa > sb;
            return true;
        case OP_GTU:
            *r = a > b;
            return true;
        case OP_GES:
            *r = sa >= sb;
            return true;
        case OP_GEU:
            *r = a >= b;
            return true;
        default:
            return false;
    }
}

int log2_exact(uint32_t v) {
    for (int s = 0; s < 31; s++)
        if (v == (1u << s)) return s;
    return -1;
}

bool is_compare_op(uint8_t op) {
#define Y(OP) \
    if (op == OP_##OP || op == OP_##OP##I || op == OP_##OP##L) return true;
    CCBPF_CMPS(Y)
#undef Y
    return op == OP_LNOT || op == OP_BOOL;
}

}  // namespace

Val Compiler::const_value(int32_t v, Type* t) {
    Val r{};
    r.k = V_CONST;
    r.t = t;
    r.v = v;
    return r;
}

// A global's address known at compile time: `&g`, `&table[2]`, or a global array.
static bool is_address_constant(const Val& v) {
    return v.k == V_ADDR || (v.k == V_GLOBAL && v.t->kind == TY_ARRAY);
}

static Type* decayed(Compiler* c, Type* t) {
    return t->kind == TY_ARRAY ? c->pointer_to(t->base) : t;
}

static uint32_t elem_size(Type* ptr) {
    uint32_t s = ptr->base->size;
    return s ? s : 1;  // void* arithmetic steps by bytes (as gcc does)
}

// Emits "acc = acc * k" as cheaply as possible.
static void scale(Compiler* c, uint32_t k) {
    if (k == 1) return;
    int s = log2_exact(k);
    if (s >= 0)
        c->emit(OP_SHLI, s);
    else
        c->emit(OP_MULI, int32_t(k));
}

// Combines l OP r. If l was loaded, it sits on the stack (pushed at push_pc) and r is
// still lazy; if l is a deferred constant, nothing was emitted for it.
static Val combined(Compiler* c, Tok op, const Val& l, Val& r, int32_t push_pc, Pos at) {
    Type* lt = decayed(c, l.t);
    Type* rt = decayed(c, r.t);
    if (lt->kind == TY_STRUCT || rt->kind == TY_STRUCT || lt->kind == TY_VOID ||
        rt->kind == TY_VOID || r.k == V_FUNC || r.k == V_BUILTIN) {
        c->diag.error(at.line, at.col, "invalid operands to binary operator");
        return c->const_value(0, c->t_int);
    }
    bool lp = Compiler::is_pointer(lt), rp = Compiler::is_pointer(rt);
    Type* result;
    uint32_t lscale = 1, rscale = 1, divide = 1;
    bool uns;
    if (is_compare(op)) {
        result = c->t_int;
        uns = lp || rp || Compiler::is_unsigned(c->arith_type(lt, rt));
    } else if (op == T_PLUS && (lp || rp)) {
        if (lp && rp) {
            c->diag.error(at.line, at.col, "cannot add two pointers");
            return c->const_value(0, c->t_int);
        }
        result = lp ? lt : rt;
        if (lp)
            rscale = elem_size(lt);
        else
            lscale = elem_size(rt);
        uns = true;
    } else if (op == T_MINUS && lp) {
        if (rp) {
            result = c->t_int;
            divide = elem_size(lt);
        } else {
            result = lt;
            rscale = elem_size(lt);
        }
        uns = false;
    } else if (lp || rp) {
        c->diag.error(at.line, at.col, "invalid operands to binary operator (pointer)");
        return c->const_value(0, c->t_int);
    } else if (op == T_SHL || op == T_SHR) {
        result = c->promote(lt);
        uns = Compiler::is_unsigned(result);
    } else {
        result = c->arith_type(lt, rt);
        uns = Compiler::is_unsigned(result);
    }
    Opcode bop = base_op(op, uns);
    Val out{};
    out.t = result;

    if (push_pc < 0 && l.k == V_LOCAL) {
        // l is a local that was never loaded (comparisons and commutative operators):
        // C leaves the operand order open, so the right side goes first and the local
        // is the instruction's operand.
        if (r.k == V_CONST) {
            c->emit(OP_LDL, l.v);
            c->emit(Opcode(bop + 1), r.v);
        } else if (r.k == V_LOCAL && r.t->size == 4 && Compiler::is_scalar(r.t)) {
            c->emit(OP_LDL, l.v);
            c->emit(Opcode(bop + 2), r.v);
        } else {
            c->load(r);
            c->emit(Opcode(base_op(swap_cmp(op), uns) + 2), l.v);
        }
        out.k = V_ACC;
        return out;
    }
    if (push_pc < 0) {
        // l is a constant (or a global's address) that was never emitted.
        bool l_addr = is_address_constant(l);
        if (r.k == V_CONST || (l_addr && divide > 1 && is_address_constant(r))) {
            uint32_t v;
            if (fold(bop, uint32_t(l.v) * lscale, uint32_t(r.v) * rscale, &v)) {
                if (divide > 1) v = uint32_t(int32_t(v) / int32_t(divide));
                Val folded = c->const_value(int32_t(v), result);
                if (l_addr && Compiler::is_pointer(result)) folded.k = V_ADDR;  // `table + 2`
                return folded;
            }
            // Division by a constant zero: emit it so that it traps at run time.
            c->emit(OP_LI, l.v);
            c->emit(Opcode(bop + 1), r.v);
            out.k = V_ACC;
            return out;
        }
        c->load(r);
        scale(c, rscale);
        int32_t k = int32_t(uint32_t(l.v) * lscale);
        switch (op) {
            case T_MINUS:
                c->emit(OP_NEG);
                c->emit(OP_ADDI, k);
                break;
            default:
                c->emit(Opcode(base_op(swap_cmp(op), uns) + 1), k);
                break;
        }
        if (divide > 1) c->emit(OP_DIVSI, int32_t(divide));
        out.k = V_ACC;
        return out;
    }

    // l is on the stack. A constant or a plain local r needs no push at all.
    bool nothing_since_push = c->ncode == uint32_t(push_pc) + 1 &&
                              c->barrier <= uint32_t(push_pc) && c->code[push_pc].op == OP_PUSH;
    if (lscale != 1 && nothing_since_push && !c->failed()) {
        // integer + pointer, the integer just pushed: scale it before the push instead.
        c->drop_last();
        scale(c, lscale);
        lscale = 1;
        push_pc = int32_t(c->emit(OP_PUSH));
    }
    bool r_local = r.k == V_LOCAL && rt == r.t && r.t->size == 4 && rscale == 1;
    if (nothing_since_push && (r.k == V_CONST || r_local) && !c->failed()) {
        c->drop_last();
        if (r.k == V_CONST)
            c->emit(Opcode(bop + 1), int32_t(uint32_t(r.v) * rscale));
        else
            c->emit(Opcode(bop + 2), r.v);
    } else {
        c->load(r);
        int s = log2_exact(rscale);
        if (lscale != 1) {
            // integer + pointer, with code for the pointer after the integer's push.
            c->emit(OP_RIDX, int32_t(lscale));
        } else if (op == T_PLUS && rscale > 1 && s >= 0) {
            c->emit(OP_IDX, 0, uint8_t(s));
        } else {
            scale(c, rscale);
            c->emit(bop);
        }
    }
    if (divide > 1) c->emit(OP_DIVSI, int32_t(divide));
    out.k = V_ACC;
    return out;
}

// l = l OP r. Out of line, and with the operands by reference, so that binary_expr's
// frame, which every operator's right operand nests in, holds no copies of them.
[[gnu::noinline]] static void combine(Compiler* c, Tok op, Val& l, Val& r, int32_t push_pc,
                                      Pos at) {
    l = combined(c, op, l, r, push_pc, at);
}

// The recursive functions' error value, out of line: built in place, it would take a
// temporary in each of their frames.
[[gnu::noinline]] void Compiler::zero(Val& v) {
    v = const_value(0, t_int);
}

void Compiler::expr(Val& v) {
    assign_expr(v);
    while (tok.kind == T_COMMA && !failed()) {
        advance();
        assign_expr(v);
    }
}

static bool is_assign_op(Tok k) {
    return k == T_ASSIGN || (k >= T_ADD_ASSIGN && k <= T_SHR_ASSIGN);
}

static Tok compound_op(Tok k) {
    switch (k) {
        case T_ADD_ASSIGN:
            return T_PLUS;
        case T_SUB_ASSIGN:
            return T_MINUS;
        case T_MUL_ASSIGN:
            return T_STAR;
        case T_DIV_ASSIGN:
            return T_SLASH;
        case T_MOD_ASSIGN:
            return T_PERCENT;
        case T_AND_ASSIGN:
            return T_AMP;
        case T_OR_ASSIGN:
            return T_PIPE;
        case T_XOR_ASSIGN:
            return T_CARET;
        case T_SHL_ASSIGN:
            return T_SHL;
        default:
            return T_SHR;
    }
}

void Compiler::assign_expr(Val& l) {
    if (!enter_level(150, "expression")) {
        zero(l);
    } else {
        // cond_expr, spelled out: one frame less per nesting level.
        binary_expr(l, 1);
        if (tok.kind == T_QUESTION && !failed()) cond_rest(l);
        if (is_assign_op(tok.kind) && !failed()) assign_rest(l);
    }
    nesting--;
}

[[gnu::noinline]] void Compiler::assign_rest(Val& l) {
    Tok op = tok.kind;
    Pos at = pos_of(tok);
    advance();
    l = assign(l, op, at);
}

// `*p = v` and `*p++ = v` (p a local) were compiled as PUSHL p; [INCL p, d]; v...; STx.
// When v has no side effects and, with an increment, does not touch p, the order is
// unobservable, so this becomes v...; STxLP p, d (the address is read at the store).
static bool store_through_local(Compiler* c, uint32_t at, bool inc, Type* lt) {
    if (c->failed() || c->barrier > at || c->code[at].op != OP_PUSHL) return false;
    int32_t slot = c->code[at].imm;
    int16_t d = inc ? c->code[at + 1].b : 0;
    uint32_t from = at + (inc ? 2 : 1);
    LineBlock* lb = c->lines_tail;
    if (lb && lb->n && lb->e[lb->n - 1].pc > at) return false;
    for (uint32_t pc = from; pc < c->ncode; pc++) {
        const Insn& in = c->code[pc];
        switch (in.op) {
            case OP_STL:
            case OP_STG:
            case OP_ST8:
            case OP_ST16:
            case OP_ST32:
            case OP_INCL:
            case OP_INCLL:
            case OP_ADDSTL:
            case OP_MEMCPY:
            case OP_MEMZERO:
            case OP_ST8LX:
            case OP_ST16LX:
            case OP_ST32LX:
            case OP_ST8LP:
            case OP_ST16LP:
            case OP_ST32LP:
                return false;  // a side effect
            default:
                break;
        }
        Operand o = kOpInfo[in.op].operand;
        if (o == Operand::Jump || o == Operand::JumpLocal || o == Operand::JumpImm ||
            o == Operand::Func || o == Operand::Builtin || o == Operand::Ret)
            return false;
        if (inc && (o == Operand::LocalAddr || (o == Operand::LocalShiftImm && in.b == slot) ||
                    ((o == Operand::Local || o == Operand::IncLocal) && in.imm == slot)))
            return false;  // v might see p before or after the increment
    }
    memmove(&c->code[at], &c->code[from], (c->ncode - from) * sizeof(Insn));
    c->ncode -= from - at;
    c->depth--;  // the PUSHL is gone
    c->emit(lt->size == 1 ? OP_ST8LP : lt->size == 2 ? OP_ST16LP : OP_ST32LP, slot, 0, d);
    return true;
}

Val Compiler::assign(Val& lhs, Tok op, Pos at) {
    if (lhs.k != V_LOCAL && lhs.k != V_GLOBAL && lhs.k != V_MEM) {
        diag.error(at.line, at.col, "expected an lvalue on the left of an assignment");
        return const_value(0, t_int);
    }
    if (lhs.t->kind == TY_ARRAY) {
        diag.error(at.line, at.col, "cannot assign to an array");
        return const_value(0, t_int);
    }
    if (lhs.is_const_obj) {
        diag.error(at.line, at.col, "cannot assign to a const object");
        return const_value(0, t_int);
    }
    if (lhs.t->kind == TY_STRUCT) {
        if (op != T_ASSIGN) {
            diag.error(at.line, at.col, "invalid compound assignment to a struct");
            return const_value(0, t_int);
        }
        Type* st = lhs.t;
        load_address(lhs);
        emit(OP_PUSH);
        Val r = assign_expr();
        if (r.t != st || (r.k != V_LOCAL && r.k != V_GLOBAL && r.k != V_MEM)) {
            diag.error(at.line, at.col, "incompatible types in struct assignment");
            return const_value(0, t_int);
        }
        load_address(r);
        emit(OP_MEMCPY, int32_t(st->size));
        Val out{};
        out.k = V_MEM;
        out.t = st;
        return out;
    }
    Type* lt = lhs.t;
    // A small local variable owns a whole 4-byte slot: store the normalised value with
    // STL (loads still read just its bytes, so stores through pointers stay visible).
    bool direct = ((lhs.k == V_LOCAL || lhs.k == V_GLOBAL) && lt->size == 4) ||
                  (lhs.k == V_LOCAL && lhs.whole_slot && op == T_ASSIGN);
    Insn* al = last();
    if (!direct && op == T_ASSIGN && lhs.k == V_MEM && al && al->op == OP_ADDSHL) {
        // `g[i] = v` with i a local: the address has no side effects, so compute v first
        // and store with one instruction (C leaves this order unspecified).
        Insn addr = *al;
        drop_last();
        Val v = assign_expr();
        Type* vt = decayed(this, v.t);
        if ((is_pointer(lt) && is_integer(vt) && !(v.k == V_CONST && v.v == 0)) ||
            (is_integer(lt) && is_pointer(vt)) || vt->kind == TY_STRUCT || vt->kind == TY_VOID) {
            diag.error(at.line, at.col, "incompatible types in assignment");
            return const_value(0, t_int);
        }
        load(v);
        convert(v, lt);
        Opcode st = lt->size == 1 ? OP_ST8LX : lt->size == 2 ? OP_ST16LX : OP_ST32LX;
        emit(st, addr.imm, addr.a, addr.b);
        Val out{};
        out.k = V_ACC;
        out.t = lt;
        return out;
    }
    int32_t push_at = -1;  // where `*p = v` / `*p++ = v` pushed p (see store_through_local)
    bool push_inc = false;
    if (!direct) {
        if (lhs.k != V_MEM) load_address(lhs);
        Insn* l = last();
        if (op == T_ASSIGN && l && l->op == OP_INCL && ncode >= 2 && ncode - 2 >= barrier &&
            code[ncode - 2].op == OP_LDL && code[ncode - 2].imm == l->imm) {
            // `*p++ = v`: push the old p straight from its slot (acc is dead here).
            code[ncode - 2].op = OP_PUSHL;
            push_at = int32_t(ncode - 2);
            push_inc = true;
            if (++depth > max_depth) max_depth = depth;
        } else if (op == T_ASSIGN && l && l->op == OP_LDL) {
            l->op = OP_PUSHL;
            push_at = int32_t(ncode - 1);
            if (++depth > max_depth) max_depth = depth;
        } else {
            emit(OP_PUSH);  // the address, consumed by the store
        }
        lhs.k = V_MEM;
        lhs.t = lt;
    }
    Val v;
    if (op == T_ASSIGN) {
        v = assign_expr();
        Type* vt = decayed(this, v.t);
        if (is_pointer(lt) && is_integer(vt) && !(v.k == V_CONST && v.v == 0)) {
            diag.error(at.line, at.col, "assigning an integer to a pointer needs a cast");
            return const_value(0, t_int);
        }
        if (is_integer(lt) && is_pointer(vt)) {
            diag.error(at.line, at.col, "assigning a pointer to an integer needs a cast");
            return const_value(0, t_int);
        }
        if (vt->kind == TY_STRUCT || vt->kind == TY_VOID) {
            diag.error(at.line, at.col, "incompatible types in assignment");
            return const_value(0, t_int);
        }
        load(v);
    } else if (lhs.k == V_LOCAL && is_integer(lt) &&
               (op == T_ADD_ASSIGN || op == T_MUL_ASSIGN || op == T_AND_ASSIGN ||
                op == T_OR_ASSIGN || op == T_XOR_ASSIGN)) {
        // `s += e` on a local int, e first: then one OPL does the rest (order is
        // irrelevant for commutative operators and e cannot see a half-done update).
        Val r = assign_expr();
        Type* rt = decayed(this, r.t);
        if (!is_integer(rt)) {
            diag.error(at.line, at.col, "invalid operands to compound assignment");
            return const_value(0, t_int);
        }
        bool uns = is_unsigned(arith_type(lt, rt));
        if (r.k == V_CONST && op == T_ADD_ASSIGN && r.v >= -32768 && r.v <= 32767) {
            emit(OP_INCL, lhs.v, 0, int16_t(r.v));
            emit(OP_LDL, lhs.v);
            Val out{};
            out.k = V_ACC;
            out.t = lt;
            return out;
        }
        load(r);
        emit(Opcode(base_op(compound_op(op), uns) + 2), lhs.v);
        v.k = V_ACC;
        v.t = arith_type(lt, rt);
    } else {
        Tok bop = compound_op(op);
        Val cur{};
        cur.t = lt;
        cur.k = V_ACC;
        if (lhs.k == V_LOCAL)
            emit(OP_LDL, lhs.v);
        else if (lhs.k == V_GLOBAL)
            emit(OP_LDG, lhs.v);
        else {
            Val m = lhs;
            load(m);  // the address stays pushed underneath
        }
        // `local += constant` is the loop-counter idiom: one INCL.
        int32_t push_pc = int32_t(emit(OP_PUSH));
        Val r = cond_expr();
        if (is_assign_op(tok.kind)) assign_rest(r);
        combine(this, bop, cur, r, push_pc, at);
        v = cur;
        if (lhs.k == V_LOCAL && is_integer(lt) && v.k == V_ACC) {
            Insn* l2 = last();
            bool addi = l2 && l2->op == OP_ADDI && ncode >= 2 && code[ncode - 2].op == OP_LDL &&
                        code[ncode - 2].imm == lhs.v && ncode - 2 >= barrier;
            bool addshl = l2 && l2->op == OP_ADDSHL && l2->a == 0 && l2->b == lhs.v;
            if ((addi || addshl) && l2->imm >= -32768 && l2->imm <= 32767) {
                int16_t d = int16_t(l2->imm);
                drop_last();
                if (addi) drop_last();
                emit(OP_INCL, lhs.v, 0, d);
                emit(OP_LDL, lhs.v);
                v.k = V_ACC;
                v.t = lt;
                return v;
            }
        }
        if (v.k == V_CONST) load(v);
    }
    convert(v, lt);
    if (push_at < 0 || !store_through_local(this, uint32_t(push_at), push_inc, lt)) store(lhs, v.t);
    Val out{};
    out.k = V_ACC;
    out.t = lt;
    return out;
}

void Compiler::cond_expr(Val& c) {
    binary_expr(c, 1);
    if (tok.kind == T_QUESTION && !failed()) cond_rest(c);
}

[[gnu::noinline]] void Compiler::cond_rest(Val& c) {
    advance();
    int32_t else_chain = kNoChain;
    branch_false(c, &else_chain);
    Val a = expr();
    Type* at = decayed(this, a.t);
    if (at->kind != TY_VOID) load(a);
    int32_t end_chain = emit_jump(OP_JMP, kNoChain);
    expect(T_COLON, "':'");
    patch_chain(else_chain, here());
    Val b = cond_expr();
    Type* bt = decayed(this, b.t);
    if (bt->kind != TY_VOID) load(b);
    patch_chain(end_chain, here());
    Val out{};
    out.k = V_ACC;
    if (at->kind == TY_STRUCT || bt->kind == TY_STRUCT)
        error_here("struct operands of ?: are not supported");
    if (is_pointer(at))
        out.t = at;
    else if (is_pointer(bt))
        out.t = bt;
    else if (at->kind == TY_VOID || bt->kind == TY_VOID)
        out.t = t_void;
    else
        out.t = arith_type(at, bt);
    c = out;
}

static bool commutes_with_constant(Tok op) {
    switch (op) {
        case T_PLUS:
        case T_STAR:
        case T_AMP:
        case T_PIPE:
        case T_CARET:
        case T_MINUS:
        case T_EQ:
        case T_NE:
        case T_LT:
        case T_LE:
        case T_GT:
        case T_GE:
            return true;
        default:
            return false;
    }
}

// Emits the left operand of `l op r` unless combine can use it where it is; returns where
// it was pushed, or -1.
static int32_t left_operand(Compiler* c, Tok op, Val& l) {
    bool defer_local =
        l.k == V_LOCAL && l.t->size == 4 && Compiler::is_integer(l.t) &&
        (is_compare(op) || op == T_STAR || op == T_AMP || op == T_PIPE || op == T_CARET);
    // `table + 2` stays an address constant (global initialisers need one).
    bool defer_addr = (op == T_PLUS || op == T_MINUS) && is_address_constant(l);
    if ((l.k == V_CONST && commutes_with_constant(op)) || defer_local || defer_addr) return -1;
    c->load(l);
    return int32_t(c->emit(OP_PUSH));
}

void Compiler::binary_expr(Val& l, int min_prec) {
    if (out_of_stack()) {
        zero(l);
        return;
    }
    unary_expr(l);
    for (;;) {
        Tok op = tok.kind;
        int p = prec_of(op);
        if (!p || p < min_prec || failed()) return;
        Pos at = pos_of(tok);
        advance();
        if (op == T_ANDAND || op == T_OROR) {
            logical_rest(l, op == T_ANDAND, p);
            continue;
        }
        int32_t push_pc = left_operand(this, op, l);
        Val r;
        binary_expr(r, p + 1);
        combine(this, op, l, r, push_pc, at);
    }
}

[[gnu::noinline]] void Compiler::logical_rest(Val& l, bool is_and, int p) {
    if (l.k == V_CONST) {
        uint32_t p0 = ncode;
        int d0 = depth;
        Val r;
        binary_expr(r, p + 1);
        bool decided = is_and ? l.v == 0 : l.v != 0;
        if (decided) {  // the right side never runs
            ncode = p0 > ncode ? ncode : p0;
            depth = d0;
            if (barrier > ncode) barrier = ncode;
            l = const_value(is_and ? 0 : 1, t_int);
            return;
        }
        if (r.k == V_CONST) {
            l = const_value(r.v != 0, t_int);
            return;
        }
        load(r);
        Insn* li = last();
        if (!(li && is_compare_op(li->op))) emit(OP_BOOL);
        l.k = V_ACC;
        l.t = t_int;
        return;
    }
    int32_t chain = kNoChain;
    if (is_and)
        branch_false(l, &chain);
    else
        branch_true(l, &chain);
    Val r;
    binary_expr(r, p + 1);
    load(r);
    Insn* li = last();
    if (!(li && is_compare_op(li->op))) emit(OP_BOOL);
    int32_t end = emit_jump(OP_JMP, kNoChain);
    patch_chain(chain, here());
    emit(OP_LI, is_and ? 0 : 1);
    patch_chain(end, here());
    l.k = V_ACC;
    l.t = t_int;
}

[[gnu::noinline]] void Compiler::incdec(Val& v, int delta, bool post, Pos at) {
    if (v.k != V_LOCAL && v.k != V_GLOBAL && v.k != V_MEM) {
        diag.error(at.line, at.col, "expected an lvalue for ++/--");
        v = const_value(0, t_int);
        return;
    }
    Type* t = v.t;
    if (!is_scalar(t)) {
        diag.error(at.line, at.col, "++/-- needs an integer or pointer");
        v = const_value(0, t_int);
        return;
    }
    if (v.is_const_obj) {
        diag.error(at.line, at.col, "cannot modify a const object");
        v = const_value(0, t_int);
        return;
    }
    int32_t d = delta * int32_t(is_pointer(t) ? elem_size(t) : 1);
    Val out{};
    out.k = V_ACC;
    out.t = promote(t);
    if (v.k == V_LOCAL && t->size == 4 && d >= -32768 && d <= 32767) {
        if (post) {
            emit(OP_LDL, v.v);  // the old value; INCL does not touch acc
            emit(OP_INCL, v.v, 0, int16_t(d));
        } else {
            emit(OP_INCL, v.v, 0, int16_t(d));
            emit(OP_LDL, v.v);
        }
        v = out;
        return;
    }
    if (v.k == V_GLOBAL && t->size == 4) {
        emit(OP_LDG, v.v);
        emit(OP_ADDI, d);
        emit(OP_STG, v.v);
        if (post) emit(OP_ADDI, -d);
        v = out;
        return;
    }
    if (v.k != V_MEM) load_address(v);
    emit(OP_PUSH);
    Val m{};
    m.k = V_MEM;
    m.t = t;
    load(m);
    emit(OP_ADDI, d);
    Val nv{};
    nv.k = V_ACC;
    nv.t = t_int;
    convert(nv, t);
    m.k = V_MEM;
    m.t = t;
    store(m, t);
    if (post) {
        emit(OP_ADDI, -d);
        nv.t = t_int;
        convert(nv, t);
    }
    v = out;
}

// What unary_expr does with its operand once parsed; out of line so that unary_expr's
// frame, one per prefix operator or cast, stays small.
[[gnu::noinline]] static void unary_op(Compiler* c, Val& v, Tok op, Pos at) {
    Type* vt = decayed(c, v.t);
    if (!Compiler::is_scalar(vt) || (op != T_BANG && Compiler::is_pointer(vt))) {
        c->diag.error(at.line, at.col, "invalid operand to unary operator");
        return;
    }
    if (v.k == V_CONST) {
        uint32_t x = uint32_t(v.v);
        if (op == T_MINUS)
            x = 0u - x;
        else if (op == T_TILDE)
            x = ~x;
        else if (op == T_BANG)
            x = x == 0;
        v = c->const_value(int32_t(x), op == T_BANG ? c->t_int : c->promote(v.t));
        return;
    }
    c->load(v);
    if (op == T_MINUS)
        c->emit(OP_NEG);
    else if (op == T_TILDE)
        c->emit(OP_NOT);
    else if (op == T_BANG)
        c->emit(OP_LNOT);
    v.t = op == T_BANG ? c->t_int : c->promote(v.t);
}

[[gnu::noinline]] static void deref(Compiler* c, Val& v, Pos at) {
    Type* vt = decayed(c, v.t);
    if (!Compiler::is_pointer(vt)) {
        c->diag.error(at.line, at.col, "cannot dereference a non-pointer");
        return;
    }
    c->load(v);
    if (vt->base->kind == TY_VOID) {
        c->diag.error(at.line, at.col, "cannot dereference a void pointer");
        return;
    }
    v.k = V_MEM;
    v.t = vt->base;
    v.is_const_obj = false;
}

[[gnu::noinline]] static void address_of(Compiler* c, Val& v) {
    if (v.k == V_GLOBAL) {
        v.k = V_ADDR;
        v.t = c->pointer_to(v.t);
    } else {
        c->load_address(v);
    }
    v.is_const_obj = false;
}

[[gnu::noinline]] static void cast(Compiler* c, Val& v, Type* t, Pos at) {
    Type* vt = decayed(c, v.t);
    if (t->kind == TY_VOID) {
        if (v.k != V_CONST && vt->kind != TY_VOID && vt->kind != TY_STRUCT) c->load(v);
        v.k = V_ACC;
        v.t = c->t_void;
        return;
    }
    if (!Compiler::is_scalar(t) || !Compiler::is_scalar(vt)) {
        c->diag.error(at.line, at.col, "cast needs scalar types");
        return;
    }
    if (v.k == V_GLOBAL && v.t->kind == TY_ARRAY) {
        v.k = V_ADDR;
    }
    if (v.k == V_ADDR && Compiler::is_pointer(t)) {
        v.t = t;
        return;
    }
    c->convert(v, t);
    v.is_const_obj = false;
}

[[gnu::noinline]] void Compiler::sizeof_expr(Val& v, Pos at) {
    advance();
    Type* t;
    if (tok.kind == T_LPAREN && starts_type(lx.peek())) {
        advance();
        t = parse_type_name();
        expect(T_RPAREN, "')'");
    } else {
        // sizeof does not evaluate its operand: emit, then throw the code away.
        uint32_t p0 = ncode;
        int d0 = depth;
        Val e;
        unary_expr(e);
        t = e.t;
        if (!failed()) {
            ncode = p0;
            depth = d0;
            if (barrier > ncode) barrier = ncode;
        }
    }
    if (t->kind == TY_FUNC || (!t->complete && t->kind != TY_VOID) || t->kind == TY_VOID) {
        diag.error(at.line, at.col, "sizeof of an incomplete or void type");
    }
    v = const_value(int32_t(t->size), t_uint);
}

void Compiler::unary_expr(Val& v) {
    if (!enter_level(150, "expression")) {
        zero(v);
    } else {
        Pos at = pos_of(tok);
        Tok op = tok.kind;
        switch (op) {
            case T_MINUS:
            case T_PLUS:
            case T_TILDE:
            case T_BANG:
                advance();
                unary_expr(v);
                unary_op(this, v, op, at);
                break;
            case T_STAR:
                advance();
                unary_expr(v);
                deref(this, v, at);
                break;
            case T_AMP:
                advance();
                unary_expr(v);
                address_of(this, v);
                break;
            case T_INC:
            case T_DEC:
                advance();
                unary_expr(v);
                incdec(v, op == T_INC ? 1 : -1, false, at);
                break;
            case T_SIZEOF:
                sizeof_expr(v, at);
                break;
            case T_LPAREN:
                if (starts_type(lx.peek())) {
                    advance();
                    Type* t = parse_type_name();
                    expect(T_RPAREN, "')'");
                    unary_expr(v);
                    cast(this, v, t, at);
                    break;
                }
                postfix_expr(v);
                break;
            default:
                postfix_expr(v);
                break;
        }
    }
    nesting--;
}

// `v[...]`, with v's code emitted; out of line, like member and call, so that
// postfix_expr's frame stays small.
[[gnu::noinline]] void Compiler::subscript(Val& v, Pos at) {
    advance();
    Type* bt = decayed(this, v.t);
    if (is_integer(bt)) {  // i[p] is *(i + p)
        int32_t push_pc = -1;
        if (v.k != V_CONST) {
            load(v);
            push_pc = int32_t(emit(OP_PUSH));
        }
        Val p;
        expr(p);
        expect(T_RBRACKET, "']'");
        Type* pt = decayed(this, p.t);
        if (!is_pointer(pt)) {
            diag.error(at.line, at.col, "subscripted value is not an array or pointer");
            return;
        }
        combine(this, T_PLUS, v, p, push_pc, at);
        load(v);
        v.k = V_MEM;
        v.t = pt->base;
        v.is_const_obj = false;
        return;
    }
    if (!is_pointer(bt)) {
        diag.error(at.line, at.col, "subscripted value is not an array or pointer");
        return;
    }
    Type* et = bt->base;
    uint32_t es = et->size ? et->size : 1;
    int s = log2_exact(es);
    bool lazy_base = (v.k == V_LOCAL || v.k == V_GLOBAL);
    bool base_is_array = v.t->kind == TY_ARRAY;
    if (lazy_base) {
        Val i;
        expr(i);
        expect(T_RBRACKET, "']'");
        if (!is_integer(decayed(this, i.t))) {
            diag.error(at.line, at.col, "array subscript is not an integer");
            return;
        }
        if (i.k == V_CONST && base_is_array && i.v >= 0 && uint32_t(i.v) < v.t->count) {
            v.v += i.v * int32_t(es);
            v.t = et;
            return;
        }
        if (i.k == V_CONST) {
            load(v);
            emit(OP_ADDI, int32_t(uint32_t(i.v) * es));
        } else {
            load(i);
            if (base_is_array && v.k == V_LOCAL) {
                scale(this, es);
                emit(OP_PUSH);
                emit(OP_LEAL, v.v);
                emit(OP_ADD);
            } else if (base_is_array) {
                scale(this, es);
                emit(OP_ADDI, v.v);
            } else if (v.k == V_LOCAL && s >= 0) {
                emit(OP_LDLX, v.v, uint8_t(s));
            } else if (v.k == V_LOCAL) {
                scale(this, es);
                emit(OP_ADDL, v.v);
            } else {
                scale(this, es);
                emit(OP_PUSH);
                emit(OP_LDG, v.v);
                emit(OP_ADD);
            }
        }
    } else {
        load(v);
        int32_t push_pc = int32_t(emit(OP_PUSH));
        Val i;
        expr(i);
        expect(T_RBRACKET, "']'");
        if (!is_integer(decayed(this, i.t))) {
            diag.error(at.line, at.col, "array subscript is not an integer");
            return;
        }
        bool nothing_since_push = ncode == uint32_t(push_pc) + 1 && barrier <= uint32_t(push_pc) &&
                                  code[push_pc].op == OP_PUSH;
        if (i.k == V_CONST && nothing_since_push) {
            drop_last();
            emit(OP_ADDI, int32_t(uint32_t(i.v) * es));
        } else if (nothing_since_push && i.k == V_LOCAL && i.t->size == 4 && is_integer(i.t) &&
                   s >= 0 && i.v <= 32767) {
            // base + local index in one instruction (and a row offset folded in).
            drop_last();
            int32_t k = 0;
            Insn* l = last();
            if (l && l->op == OP_ADDI) {
                k = l->imm;
                drop_last();
            }
            emit(OP_IDXL, k, uint8_t(s), int16_t(i.v));
        } else {
            load(i);
            if (s >= 0)
                emit(OP_IDX, 0, uint8_t(s));
            else {
                emit(OP_MULI, int32_t(es));
                emit(OP_ADD);
            }
        }
    }
    v.k = V_MEM;
    v.t = et;
    v.is_const_obj = false;
}

[[gnu::noinline]] void Compiler::member(Val& v, Pos at) {
    bool arrow = tok.kind == T_ARROW;
    advance();
    if (tok.kind != T_IDENT) {
        error_here("expected a member name");
        return;
    }
    Type* st = v.t;
    if (arrow) {
        Type* pt = decayed(this, v.t);
        if (!is_pointer(pt) || pt->base->kind != TY_STRUCT) {
            diag.error(at.line, at.col, "'->' needs a pointer to a struct");
            return;
        }
        st = pt->base;
        load(v);
        v.k = V_MEM;
    } else if (st->kind != TY_STRUCT) {
        diag.error(at.line, at.col, "'.' needs a struct");
        return;
    }
    if (!st->complete) {
        diag.error(at.line, at.col, "use of an incomplete struct");
        return;
    }
    Member* m = find_member(st, tok.p, tok.len);
    if (!m) {
        error_here("no member named '%.*s'", int(tok.len), tok.p);
        return;
    }
    advance();
    if (v.k == V_LOCAL || v.k == V_GLOBAL) {
        v.v += int32_t(m->offset);
    } else if (v.k == V_MEM) {
        if (m->offset) emit(OP_ADDI, int32_t(m->offset));
    } else {
        diag.error(at.line, at.col, "member access on a struct value is not supported");
        return;
    }
    v.t = m->type;
}

void Compiler::postfix_expr(Val& v) {
    if (tok.kind == T_LPAREN) {  // not a cast (unary_expr saw to that)
        advance();
        expr(v);
        expect(T_RPAREN, "')'");
    } else {
        primary_expr(v);
    }
    while (!failed()) {
        Pos at = pos_of(tok);
        Tok k = tok.kind;
        if (k == T_LBRACKET) {
            subscript(v, at);
        } else if (k == T_LPAREN) {
            call(v, at);
        } else if (k == T_DOT || k == T_ARROW) {
            member(v, at);
        } else if (k == T_INC || k == T_DEC) {
            advance();
            incdec(v, k == T_INC ? 1 : -1, true, at);
        } else {
            break;
        }
    }
}

// Out of line: its Token and literal handling would otherwise grow postfix_expr's frame.
[[gnu::noinline]] void Compiler::primary_expr(Val& v) {
    v = primary();
}

Val Compiler::primary() {
    Token t = tok;
    Val v{};
    v.t = t_int;  // never null, even on the error paths
    switch (t.kind) {
        case T_NUM:
            advance();
            return const_value(t.value, t.is_unsigned ? t_uint : t_int);
        case T_STR: {
            uint32_t len = 0;
            uint32_t addr = string_literal(t, &len);
            advance();
            v.k = V_GLOBAL;
            // Inside a function the literal's array type dies with the scope (it is only
            // needed to decay or for sizeof); at file scope it must persist.
            if (cur_func) {
                Type* at = static_cast<Type*>(arena->alloc_top(sizeof(Type)));
                if (!at) {
                    error_here("out of compiler memory");
                    return v;
                }
                at->kind = TY_ARRAY;
                at->complete = true;
                at->align = 1;
                at->base = t_char;
                at->count = at->size = len + 1;
                v.t = at;
            } else {
                v.t = array_of(t_char, len + 1);
            }
            v.v = int32_t(addr);
            return v;
        }
        case T_IDENT: {
            Sym* s = lookup(t.p, t.len);
            advance();
            int bi = s ? -1 : builtin_named(t.p, t.len);
            if (bi >= 0) {
                v.k = V_BUILTIN;
                v.v = bi;
                v.t = t_int;
                if (tok.kind != T_LPAREN)
                    diag.error(t.line, t.col, "function pointers are not supported");
                return v;
            }
            if (!s) {
                static const char* const kNoHeap[] = {"malloc", "calloc", "realloc", "free"};
                for (const char* n : kNoHeap)
                    if (strlen(n) == t.len && memcmp(n, t.p, t.len) == 0) {
                        diag.error(t.line, t.col, "%s is not supported (ccBPF has no heap)", n);
                        return const_value(0, t_int);
                    }
                if (tok.kind == T_LPAREN)
                    diag.error(t.line, t.col, "implicit declaration of function '%.*s'", int(t.len),
                               t.p);
                else
                    diag.error(t.line, t.col, "undeclared identifier '%.*s'", int(t.len), t.p);
                return const_value(0, t_int);
            }
            switch (s->kind) {
                case S_LOCAL:
                    v.k = V_LOCAL;
                    break;
                case S_GLOBAL:
                    v.k = V_GLOBAL;
                    break;
                case S_ENUM:
                    return const_value(s->value, t_int);
                case S_FUNC:
                    v.k = V_FUNC;
                    break;
                case S_BUILTIN:
                    v.k = V_BUILTIN;
                    break;
                case S_TYPEDEF:
                    diag.error(t.line, t.col, "unexpected type name '%.*s'", int(t.len), t.p);
                    return const_value(0, t_int);
            }
            v.t = s->type;
            v.v = s->value;
            v.sym = s;
            v.is_const_obj = s->is_const;
            v.whole_slot = s->kind == S_LOCAL && is_scalar(s->type);
            if ((v.k == V_FUNC || v.k == V_BUILTIN) && tok.kind != T_LPAREN)
                diag.error(t.line, t.col, "function pointers are not supported");
            return v;
        }
        case T_FLOAT:
        case T_DOUBLE:
            error_here("floating point is not supported");
            return const_value(0, t_int);
        default:
            error_here("expected an expression");
            return const_value(0, t_int);
    }
}

// Checks a literal printf format; returns the number of arguments it consumes or -1.
static int printf_conversions(Compiler* c, uint32_t addr, Pos at) {
    int n = 0;
    for (uint32_t a = addr; a < c->global_top; a++) {
        char ch = char(c->out[c->out_cap - 1 - a]);
        if (!ch) return n;
        if (ch != '%') continue;
        a++;
        char f = char(c->out[c->out_cap - 1 - a]);
        while (f == '-' || f == '0') f = char(c->out[c->out_cap - 1 - ++a]);
        while (f >= '0' && f <= '9') f = char(c->out[c->out_cap - 1 - ++a]);
        if (f == '%') continue;
        if (!f || !strchr("diuxXcs", f)) {
            c->diag.error(at.line, at.col, "unsupported printf conversion '%%%c'", f ? f : '?');
            return -1;
        }
        n++;
    }
    return n;
}

// Checks argument number nargs of a call to fn and pushes it; false after an error.
[[gnu::noinline]] static bool pass_arg(Compiler* c, const Val& fn, int nargs, Val& a, Pos arg_at,
                                       int* fmt_args) {
    Type* ft = fn.k == V_FUNC ? fn.sym->type : nullptr;
    Type* at_t = decayed(c, a.t);
    if (at_t->kind == TY_STRUCT) {
        c->diag.error(arg_at.line, arg_at.col, "struct arguments must be passed by pointer");
        return false;
    }
    if (at_t->kind == TY_VOID) {
        c->diag.error(arg_at.line, arg_at.col, "void value used as an argument");
        return false;
    }
    if (fn.k == V_BUILTIN && fn.v == BI_PRINTF && nargs == 0) {
        if (!Compiler::is_pointer(at_t)) {
            c->diag.error(arg_at.line, arg_at.col, "printf needs a format string");
            return false;
        }
        if (a.k == V_GLOBAL && a.t->kind == TY_ARRAY)
            *fmt_args = printf_conversions(c, uint32_t(a.v), arg_at);
    }
    if (fn.k == V_FUNC && nargs < ft->nparams) {
        Type* pt = ft->params[nargs];
        if (Compiler::is_pointer(pt) && Compiler::is_integer(at_t) &&
            !(a.k == V_CONST && a.v == 0)) {
            c->diag.error(arg_at.line, arg_at.col,
                          "passing an integer where a pointer is expected");
            return false;
        }
        if (Compiler::is_integer(pt) && Compiler::is_pointer(at_t)) {
            c->diag.error(arg_at.line, arg_at.col,
                          "passing a pointer where an integer is expected");
            return false;
        }
        c->load(a);
        c->convert(a, pt);
    } else {
        c->load(a);
    }
    Insn* l = c->last();
    if (l && l->op == OP_LDL) {
        l->op = OP_PUSHL;
        if (++c->depth > c->max_depth) c->max_depth = c->depth;
    } else if (l && l->op == OP_LI) {
        l->op = OP_PUSHI;
        if (++c->depth > c->max_depth) c->max_depth = c->depth;
    } else {
        c->emit(OP_PUSH);
    }
    return true;
}

// The call to fn, its nargs arguments pushed.
static Val call_value(Compiler* c, const Val& fn, int nargs, int fmt_args, Pos at) {
    Val out{};
    out.k = V_ACC;
    if (c->failed()) return c->const_value(0, c->t_int);
    if (fn.k == V_BUILTIN) {
        const BuiltinInfo& bi = kBuiltinInfo[fn.v];
        if (bi.args >= 0 && nargs != bi.args) {
            c->diag.error(at.line, at.col, "%s expects %d argument%s, got %d", bi.name, bi.args,
                          bi.args == 1 ? "" : "s", nargs);
            return c->const_value(0, c->t_int);
        }
        if (bi.args < 0 && (nargs < 1 || nargs > kMaxPrintfArgs)) {
            c->diag.error(at.line, at.col, "printf takes 1 to %d arguments", kMaxPrintfArgs);
            return c->const_value(0, c->t_int);
        }
        if (fmt_args >= 0 && fmt_args != nargs - 1) {
            c->diag.error(at.line, at.col, "printf format expects %d argument%s, got %d", fmt_args,
                          fmt_args == 1 ? "" : "s", nargs - 1);
            return c->const_value(0, c->t_int);
        }
        c->emit(OP_CALLB, nargs, uint8_t(fn.v));
        switch (fn.v) {
            case BI_SLEEP_MS:
            case BI_YIELD:
            case BI_SRAND:
            case BI_ABORT:
            case BI_EXIT:
                out.t = c->t_void;
                break;
            case BI_TIME_MS:
                out.t = c->t_uint;
                break;
            case BI_NODE_NAME:
                out.t = c->t_charp;
                break;
            default:
                out.t = c->t_int;
                break;
        }
        return out;
    }
    Sym* s = fn.sym;
    Type* ft = s->type;
    if (nargs != ft->nparams) {
        c->diag.error(at.line, at.col, "function '%.*s' expects %d argument%s, got %d", int(s->len),
                      s->name, ft->nparams, ft->nparams == 1 ? "" : "s", nargs);
        return c->const_value(0, c->t_int);
    }
    s->fn->used = true;
    c->emit(OP_CALL, s->value, uint8_t(nargs));
    out.t = ft->base;
    return out;
}

[[gnu::noinline]] static void call_pushed(Compiler* c, Val& fn, int nargs, int fmt_args, Pos at) {
    fn = call_value(c, fn, nargs, fmt_args, at);
}

[[gnu::noinline]] void Compiler::call(Val& fn, Pos at) {
    advance();  // '('
    Sym* s = fn.sym;
    if (fn.k != V_FUNC && fn.k != V_BUILTIN) {
        diag.error(at.line, at.col, "called object is not a function");
        zero(fn);
        return;
    }
    if (fn.k == V_FUNC && (!s->fn || s->type->kind != TY_FUNC)) {
        diag.error(at.line, at.col, "called object is not a function");
        zero(fn);
        return;
    }
    int nargs = 0;
    int fmt_args = -1;
    while (tok.kind != T_RPAREN && !failed()) {
        Pos arg_at = pos_of(tok);
        Val a;
        assign_expr(a);
        if (!pass_arg(this, fn, nargs, a, arg_at, &fmt_args)) {
            zero(fn);
            return;
        }
        nargs++;
        if (tok.kind != T_COMMA) break;
        advance();
    }
    expect(T_RPAREN, "')'");
    call_pushed(this, fn, nargs, fmt_args, at);
}

int32_t Compiler::const_expr(const char* what) {
    Token at = tok;
    uint32_t p0 = ncode;
    Val v = cond_expr();
    if (v.k != V_CONST || ncode != p0) {
        if (!failed()) diag.error(at.line, at.col, "%s must be a constant expression", what);
        return 0;
    }
    return v.v;
}

}  // namespace tern::ccbpf
