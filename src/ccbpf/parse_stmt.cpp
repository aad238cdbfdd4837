// Statements. Loops are laid out condition-last (the condition is compiled, cut out and
// pasted after the body) so each iteration runs one fused compare-and-branch.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

Sym* Compiler::lookup_scope(const char* name, uint32_t len) {
    if (!cur_func) {
        for (Sym* s = globals; s; s = s->next)
            if (s->len == len && memcmp(s->name, name, len) == 0) return s;
        return nullptr;
    }
    for (Sym* s = locals; s && s != scope_floor; s = s->next)
        if (s->len == len && memcmp(s->name, name, len) == 0) return s;
    return nullptr;
}

// A statement's value is unused: drop instructions that only computed it.
static void discard(Compiler* c, const Val& v) {
    if (v.k != V_ACC) return;
    Insn* l = c->last();
    if (!l) return;
    uint32_t n = c->ncode;
    auto ok = [&](uint32_t back) { return n >= back && n - back >= c->barrier; };
    if (l->op == OP_ADDI && ok(3) && c->code[n - 2].op == OP_LDL && c->code[n - 3].op == OP_INCL &&
        c->code[n - 2].imm == c->code[n - 3].imm) {
        c->drop_last();
        c->drop_last();
    } else if (l->op == OP_ADDSHL && l->a == 0 && ok(2) && c->code[n - 2].op == OP_INCL &&
               c->code[n - 2].imm == l->b) {
        c->drop_last();  // the old value of a post-increment, as local + k: unused
    } else if (l->op == OP_LDL && ok(2) && c->code[n - 2].op == OP_INCL &&
               c->code[n - 2].imm == l->imm) {
        c->drop_last();
    } else if (l->op == OP_INCL && ok(2) && c->code[n - 2].op == OP_LDL &&
               c->code[n - 2].imm == l->imm) {
        Insn incl = *l;  // `x++;`: the old value is not needed
        c->drop_last();
        c->drop_last();
        c->emit(OP_INCL, incl.imm, 0, incl.b);
    } else if (l->op == OP_ADDI && ok(2) &&
               (c->code[n - 2].op == OP_STG || c->code[n - 2].op == OP_ST8 ||
                c->code[n - 2].op == OP_ST16 || c->code[n - 2].op == OP_ST32)) {
        c->drop_last();
    }
}

void Compiler::expr_stmt() {
    Val v = expr();
    discard(this, v);
    expect(T_SEMI, "';'");
}

void Compiler::block() {
    if (!expect(T_LBRACE, "'{'")) return;
    Sym* saved_locals = locals;
    Sym* saved_floor = scope_floor;
    size_t top = arena->top_mark();
    uint32_t saved_off = frame_off;
    scope_floor = locals;
    block_depth++;
    while (tok.kind != T_RBRACE && tok.kind != T_EOF && !failed()) statement(true);
    block_depth--;
    expect(T_RBRACE, "'}'");
    locals = saved_locals;
    scope_floor = saved_floor;
    arena->top_release(top);
    frame_off = saved_off;
}

void Compiler::statement(bool in_block) {
    if (failed()) return;
    if (!enter_level(100, "statements")) return;  // the compilation has failed: no unwinding
    mark_line(tok.line);
    switch (tok.kind) {
        case T_LBRACE:
            block();
            break;
        case T_IF:
            if_stmt();
            break;
        case T_WHILE:
            while_stmt();
            break;
        case T_DO:
            do_stmt();
            break;
        case T_FOR:
            for_stmt();
            break;
        case T_SWITCH:
            switch_stmt();
            break;
        case T_RETURN:
            return_stmt();
            break;
        case T_SEMI:
            advance();
            break;
        case T_BREAK:
            if (!loop) {
                error_here("'break' outside a loop or switch");
                break;
            }
            advance();
            loop->break_chain = emit_jump(OP_JMP, loop->break_chain);
            expect(T_SEMI, "';'");
            break;
        case T_CONTINUE: {
            Loop* l = loop;
            while (l && l->is_switch) l = l->outer;
            if (!l) {
                error_here("'continue' outside a loop");
                break;
            }
            advance();
            l->continue_chain = emit_jump(OP_JMP, l->continue_chain);
            expect(T_SEMI, "';'");
            break;
        }
        case T_CASE:
        case T_DEFAULT: {
            bool is_case = tok.kind == T_CASE;
            Token at = tok;
            if (!cur_switch) {
                error_here(is_case ? "'case' outside a switch" : "'default' outside a switch");
                break;
            }
            advance();
            if (is_case) {
                int32_t v = const_expr("case label");
                for (Case* c = cur_switch->cases; c; c = c->next)
                    if (c->value == v && !failed()) {
                        diag.error(at.line, at.col, "duplicate case value %d", v);
                        break;
                    }
                Case* c = static_cast<Case*>(arena->alloc(sizeof(Case)));
                if (!c) {
                    error_here("out of compiler memory (switch)");
                    break;
                }
                c->value = v;
                c->pc = here();
                c->next = cur_switch->cases;
                cur_switch->cases = c;
            } else {
                if (cur_switch->default_pc >= 0) {
                    diag.error(at.line, at.col, "more than one 'default'");
                    break;
                }
                cur_switch->default_pc = int32_t(here());
            }
            expect(T_COLON, "':'");
            if (tok.kind != T_RBRACE) statement();
            break;
        }
        case T_GOTO:
            error_here("goto is not supported");
            break;
        case T_ELSE:
            error_here("'else' without 'if'");
            break;
        default:
            if (tok.kind == T_IDENT && lx.peek().kind == T_COLON) {
                error_here("labels and goto are not supported");
                break;
            }
            if (starts_type(tok) && !in_block) {
                // As in C: `while (x) int i;` would leave a local in no scope.
                error_here("expected a statement (a declaration needs braces here)");
            } else if (starts_type(tok)) {
                local_declaration();
            } else
                expr_stmt();
            break;
    }
    nesting--;
}

void Compiler::if_stmt() {
    advance();
    expect(T_LPAREN, "'('");
    Val c = expr();
    expect(T_RPAREN, "')'");
    int32_t else_chain = kNoChain;
    branch_false(c, &else_chain);
    statement();
    if (tok.kind == T_ELSE) {
        advance();
        int32_t end = emit_jump(OP_JMP, kNoChain);
        patch_chain(else_chain, here());
        statement();
        patch_chain(end, here());
    } else {
        patch_chain(else_chain, here());
    }
}

// Shared tail of while/for. The loop is rotated: the condition is pasted before the body
// (exit when false) and again after the step (back to the body when true), so one
// iteration runs no extra jump and the step and the test can combine.
static void loop_rest(Compiler* c, const Insn* saved, uint32_t cond_len, uint32_t step_len,
                      uint32_t cond_pc, uint32_t step_pc, bool has_cond, Val cond, uint32_t line) {
    int32_t exit_chain = kNoChain;
    if (has_cond) {
        c->paste_code(saved, cond_len, cond_pc, true);
        Val entry = cond;
        c->branch_false(entry, &exit_chain);
    }
    uint32_t body = c->here();
    Loop lp{kNoChain, kNoChain, false, c->loop};
    c->loop = &lp;
    c->statement();
    c->loop = lp.outer;
    c->patch_chain(lp.continue_chain, c->here());
    c->mark_line(line);
    if (step_len) c->paste_code(saved + cond_len, step_len, step_pc);
    if (has_cond) {
        c->paste_code(saved, cond_len, cond_pc, true);
        int32_t chain = kNoChain;
        c->branch_true(cond, &chain);
        c->patch_chain(chain, body);
    } else {
        c->patch_chain(c->emit_jump(OP_JMP, kNoChain), body);
    }
    c->patch_chain(exit_chain, c->here());
    c->patch_chain(lp.break_chain, c->here());
}

void Compiler::while_stmt() {
    uint32_t line = tok.line;
    advance();
    expect(T_LPAREN, "'('");
    size_t top = arena->top_mark();
    uint32_t c0 = here();
    Val cond = expr();
    expect(T_RPAREN, "')'");
    Insn* saved;
    uint32_t n = cut_code(c0, &saved);
    loop_rest(this, saved, n, 0, c0, 0, true, cond, line);
    arena->top_release(top);
}

void Compiler::do_stmt() {
    advance();
    uint32_t body = here();
    Loop lp{kNoChain, kNoChain, false, loop};
    loop = &lp;
    statement();
    loop = lp.outer;
    patch_chain(lp.continue_chain, here());
    if (!accept(T_WHILE)) {
        error_here("expected 'while' after the body of 'do'");
        return;
    }
    expect(T_LPAREN, "'('");
    Val cond = expr();
    expect(T_RPAREN, "')'");
    int32_t chain = kNoChain;
    branch_true(cond, &chain);
    patch_chain(chain, body);
    patch_chain(lp.break_chain, here());
    expect(T_SEMI, "';'");
}

void Compiler::for_stmt() {
    uint32_t line = tok.line;
    advance();
    expect(T_LPAREN, "'('");
    Sym* saved_locals = locals;
    Sym* saved_floor = scope_floor;
    scope_floor = locals;
    size_t top = arena->top_mark();
    uint32_t saved_off = frame_off;
    if (tok.kind == T_SEMI) {
        advance();
    } else if (starts_type(tok)) {
        local_declaration();
    } else {
        Val v = expr();
        discard(this, v);
        expect(T_SEMI, "';'");
    }
    size_t top2 = arena->top_mark();
    uint32_t c0 = here();
    bool has_cond = tok.kind != T_SEMI;
    Val cond{};
    if (has_cond) cond = expr();
    expect(T_SEMI, "';'");
    uint32_t s0 = ncode;
    if (tok.kind != T_RPAREN) {
        Val v = expr();
        discard(this, v);
    }
    expect(T_RPAREN, "')'");
    Insn* saved;
    uint32_t n = cut_code(c0, &saved);
    uint32_t cond_len = s0 - c0;
    if (failed()) return;
    loop_rest(this, saved, cond_len, n - cond_len, c0, s0, has_cond, cond, line);
    arena->top_release(top2);
    locals = saved_locals;
    scope_floor = saved_floor;
    arena->top_release(top);
    frame_off = saved_off;
}

void Compiler::switch_stmt() {
    advance();
    expect(T_LPAREN, "'('");
    Val v = expr();
    expect(T_RPAREN, "')'");
    if (!is_integer(v.t) && !failed()) {
        error_here("switch needs an integer");
        return;
    }
    load(v);
    uint32_t tmp = alloc_local(t_int);
    emit(OP_STL, int32_t(tmp));
    int32_t to_dispatch = emit_jump(OP_JMP, kNoChain);
    Switch sw{nullptr, -1, cur_switch};
    cur_switch = &sw;
    Loop lp{kNoChain, kNoChain, true, loop};
    loop = &lp;
    statement();
    loop = lp.outer;
    cur_switch = sw.outer;
    int32_t end_chain = emit_jump(OP_JMP, lp.break_chain);
    patch_chain(to_dispatch, here());
    emit(OP_LDL, int32_t(tmp));
    for (Case* c = sw.cases; c && !failed(); c = c->next) {
        if (c->value >= -(1 << 23) && c->value < (1 << 23)) {
            emit(OP_JEQI, int32_t(c->pc), uint8_t(uint32_t(c->value) >> 16),
                 int16_t(c->value & 0xffff));
        } else {
            emit(OP_EQI, c->value);
            emit(OP_JNZ, int32_t(c->pc));
            emit(OP_LDL, int32_t(tmp));
        }
    }
    if (sw.default_pc >= 0)
        emit(OP_JMP, sw.default_pc);
    else
        end_chain = emit_jump(OP_JMP, end_chain);
    patch_chain(end_chain, here());
}

void Compiler::return_stmt() {
    Token at = tok;
    advance();
    Type* rt = cur_func->type->base;
    if (tok.kind != T_SEMI) {
        Val v = expr();
        if (rt->kind == TY_VOID) {
            diag.error(at.line, at.col, "a void function cannot return a value");
            return;
        }
        Type* vt = v.t->kind == TY_ARRAY ? pointer_to(v.t->base) : v.t;
        if ((is_pointer(rt) && is_integer(vt) && !(v.k == V_CONST && v.v == 0)) ||
            (is_integer(rt) && is_pointer(vt))) {
            diag.error(at.line, at.col, "return type mismatch (pointer vs integer)");
            return;
        }
        load(v);
        convert(v, rt);
    } else {
        if (rt->kind != TY_VOID) {  // C's constraint (6.8.6.4); it used to return 0
            diag.error(at.line, at.col, "a non-void function must return a value");
            return;
        }
        emit(OP_LI, 0);
    }
    emit(OP_RET, cur_func->type->nparams);
    expect(T_SEMI, "';'");
}

}  // namespace tern::ccbpf
