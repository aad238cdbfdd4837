// Directives: #define/#undef, #include "ccbpf.h", conditional compilation and #error.
#include <string.h>

#include "lexer.hpp"

namespace tern::ccbpf {

static bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_ident_char(char c) {
    return is_ident_start(c) || (c >= '0' && c <= '9');
}
static bool word_is(const char* s, uint32_t n, const char* w) {
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

void Lexer::read_line_ident(const char** name, uint32_t* len) {
    Frame& f = frames_[0];
    while (f.p < f.end && (*f.p == ' ' || *f.p == '\t')) f.p++;
    const char* s = f.p;
    while (f.p < f.end && is_ident_char(*f.p)) f.p++;
    *name = s;
    *len = uint32_t(f.p - s);
    if (*len && !is_ident_start(*s)) *len = 0;
}

void Lexer::skip_rest_of_line() {
    Frame& f = frames_[0];
    directive_mode_ = true;
    while (f.p < f.end) {
        if (!skip_space(f)) break;
        if (f.p >= f.end) break;
        if (*f.p == '"' || *f.p == '\'') {
            char q = *f.p++;
            while (f.p < f.end && *f.p != q && *f.p != '\n') {
                if (*f.p == '\\') f.p++;
                f.p++;
            }
            if (f.p < f.end && *f.p == q) f.p++;
            continue;
        }
        f.p++;
    }
    directive_mode_ = false;
}

// A constant-expression evaluator for #if lines, over the lexer's tokens.
class PpExpr {
  public:
    explicit PpExpr(Lexer* lx) : lx_(lx) { advance(); }
    int64_t parse() {
        int64_t v = cond(0);
        if (tok_.kind != T_EOL && !lx_->diag_->failed)
            lx_->diag_->error(tok_.line, tok_.col, "expected end of #if expression");
        return v;
    }

  private:
    void advance() { tok_ = lx_->next(); }
    bool bad() const { return lx_->diag_->failed; }
    int64_t cond(int depth) {
        int64_t c = binary(0, depth);
        if (tok_.kind == T_QUESTION) {
            advance();
            int64_t a = cond(depth + 1);
            if (tok_.kind != T_COLON) {
                lx_->diag_->error(tok_.line, tok_.col, "expected ':' in #if expression");
                return 0;
            }
            advance();
            int64_t b = cond(depth + 1);
            return c ? a : b;
        }
        return c;
    }
    int64_t binary(int min_prec, int depth) {
        int64_t l = unary(depth);
        for (;;) {
            Tok op = tok_.kind;
            int p = prec_of(op);
            if (!p || p <= min_prec || bad()) return l;
            Token at = tok_;
            advance();
            int64_t r = binary(p, depth + 1);
            int32_t a = int32_t(l), b = int32_t(r);
            switch (op) {
                case T_OROR:
                    l = a || b;
                    break;
                case T_ANDAND:
                    l = a && b;
                    break;
                case T_PIPE:
                    l = a | b;
                    break;
                case T_CARET:
                    l = a ^ b;
                    break;
                case T_AMP:
                    l = a & b;
                    break;
                case T_EQ:
                    l = a == b;
                    break;
                case T_NE:
                    l = a != b;
                    break;
                case T_LT:
                    l = a < b;
                    break;
                case T_GT:
                    l = a > b;
                    break;
                case T_LE:
                    l = a <= b;
                    break;
                case T_GE:
                    l = a >= b;
                    break;
                case T_SHL:
                    l = int32_t(uint32_t(a) << (b & 31));
                    break;
                case T_SHR:
                    l = a >> (b & 31);
                    break;
                case T_PLUS:
                    l = int32_t(uint32_t(a) + uint32_t(b));
                    break;
                case T_MINUS:
                    l = int32_t(uint32_t(a) - uint32_t(b));
                    break;
                case T_STAR:
                    l = int32_t(uint32_t(a) * uint32_t(b));
                    break;
                case T_SLASH:
                case T_PERCENT:
                    if (b == 0) {
                        lx_->diag_->error(at.line, at.col, "division by zero in #if");
                        return 0;
                    }
                    if (a == INT32_MIN && b == -1)
                        l = op == T_SLASH ? a : 0;
                    else
                        l = op == T_SLASH ? a / b : a % b;
                    break;
                default:
                    break;
            }
        }
    }
    int64_t unary(int depth) {
        if (depth > 64) {
            lx_->diag_->error(tok_.line, tok_.col, "#if expression nested too deeply");
            return 0;
        }
        Token t = tok_;
        switch (t.kind) {
            case T_NUM:
                advance();
                return t.value;
            case T_MINUS:
                advance();
                return int32_t(0u - uint32_t(unary(depth + 1)));
            case T_PLUS:
                advance();
                return unary(depth + 1);
            case T_BANG:
                advance();
                return !unary(depth + 1);
            case T_TILDE:
                advance();
                return ~int32_t(unary(depth + 1));
            case T_LPAREN: {
                advance();
                int64_t v = cond(depth + 1);
                if (tok_.kind != T_RPAREN) {
                    lx_->diag_->error(tok_.line, tok_.col, "expected ')' in #if expression");
                    return 0;
                }
                advance();
                return v;
            }
            default:
                break;
        }
        if (t.kind == T_IDENT || (t.kind >= T_CHAR && t.kind <= T_UNION)) {
            if (t.len == 7 && memcmp(t.p, "defined", 7) == 0) {
                lx_->no_expand_ = true;
                advance();
                bool paren = tok_.kind == T_LPAREN;
                if (paren) advance();
                Token name = tok_;
                lx_->no_expand_ = false;
                if (name.kind != T_IDENT && !(name.kind >= T_CHAR && name.kind <= T_UNION)) {
                    lx_->diag_->error(name.line, name.col, "expected a macro name after 'defined'");
                    return 0;
                }
                advance();
                if (paren) {
                    if (tok_.kind != T_RPAREN) {
                        lx_->diag_->error(tok_.line, tok_.col, "expected ')' after defined(NAME");
                        return 0;
                    }
                    advance();
                }
                return lx_->find_macro(name.p, name.len) != nullptr;
            }
            advance();
            return 0;  // unknown identifiers are 0, as in C
        }
        lx_->diag_->error(t.line, t.col, "expected an expression in #if");
        return 0;
    }
    Lexer* lx_;
    Token tok_;
};

bool Lexer::eval_condition() {
    directive_mode_ = true;
    has_peek_ = false;
    PpExpr e(this);
    bool v = e.parse() != 0;
    // Consume whatever is left on the line (after an error, nothing matters).
    directive_mode_ = false;
    skip_rest_of_line();
    return v;
}

void Lexer::directive() {
    Frame& f = frames_[0];
    uint32_t dline = line_;
    uint32_t dcol = col_of(f.p) - 1;
    const char* name;
    uint32_t len;
    read_line_ident(&name, &len);
    if (len == 0) {  // a lone '#'
        skip_rest_of_line();
        return;
    }
    if (word_is(name, len, "define")) {
        const char* mname;
        uint32_t mlen;
        read_line_ident(&mname, &mlen);
        if (!mlen) {
            diag_->error(line_, col_of(f.p), "expected a macro name after #define");
            return;
        }
        Macro* m = static_cast<Macro*>(arena_->alloc(sizeof(Macro)));
        if (!m) {
            diag_->error(dline, dcol, "out of compiler memory (macros)");
            return;
        }
        m->name = mname;
        m->name_len = mlen;
        m->nparams = -1;
        if (f.p < f.end && *f.p == '(') {
            f.p++;
            m->params = f.p;
            int n = 0;
            bool want_name = true;
            for (;;) {
                while (f.p < f.end && (*f.p == ' ' || *f.p == '\t')) f.p++;
                if (f.p >= f.end || *f.p == '\n') {
                    diag_->error(line_, col_of(f.p), "expected ')' in macro parameter list");
                    return;
                }
                if (*f.p == ')' && (n == 0 || !want_name)) break;
                if (want_name && is_ident_start(*f.p)) {
                    while (f.p < f.end && is_ident_char(*f.p)) f.p++;
                    n++;
                    want_name = false;
                } else if (!want_name && *f.p == ',') {
                    f.p++;
                    want_name = true;
                } else if (*f.p == '.') {
                    diag_->error(line_, col_of(f.p), "variadic macros are not supported");
                    return;
                } else {
                    diag_->error(line_, col_of(f.p), "expected a parameter name");
                    return;
                }
            }
            if (n > kMaxMacroParams) {
                diag_->error(line_, col_of(f.p), "too many macro parameters (max %d)",
                             kMaxMacroParams);
                return;
            }
            m->params_end = f.p;
            m->nparams = n;
            f.p++;
        }
        // The body runs to the end of the line, backslash-newlines included.
        while (f.p < f.end && (*f.p == ' ' || *f.p == '\t')) f.p++;
        m->body = f.p;
        skip_rest_of_line();
        const char* e = f.p;
        while (e > m->body && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
        m->body_end = e;
        for (const char* q = m->body; q + 1 < e; q++) {
            if (*q == '#') {
                diag_->error(dline, dcol, "'#' and '##' in macros are not supported");
                return;
            }
        }
        m->next = macros_;
        macros_ = m;
        return;
    }
    if (word_is(name, len, "undef")) {
        const char* mname;
        uint32_t mlen;
        read_line_ident(&mname, &mlen);
        for (Macro** pm = &macros_; *pm; pm = &(*pm)->next) {
            if ((*pm)->name_len == mlen && memcmp((*pm)->name, mname, mlen) == 0) {
                *pm = (*pm)->next;
                break;
            }
        }
        skip_rest_of_line();
        return;
    }
    if (word_is(name, len, "include")) {
        while (f.p < f.end && (*f.p == ' ' || *f.p == '\t')) f.p++;
        const char* s = f.p;
        if (uint32_t(f.end - s) >= 9 && memcmp(s, "\"ccbpf.h\"", 9) == 0) {
            f.p += 9;
            skip_rest_of_line();
            return;  // the built-ins are always known; nothing to read
        }
        diag_->error(line_, col_of(s), "expected \"ccbpf.h\" (the only header a program includes)");
        return;
    }
    if (word_is(name, len, "ifdef") || word_is(name, len, "ifndef")) {
        const char* mname;
        uint32_t mlen;
        read_line_ident(&mname, &mlen);
        if (!mlen) {
            diag_->error(line_, col_of(f.p), "expected a macro name");
            return;
        }
        bool defined = find_macro(mname, mlen) != nullptr;
        bool take = (name[2] == 'd') ? defined : !defined;
        skip_rest_of_line();
        if (nconds_ >= kMaxCondDepth) {
            diag_->error(dline, dcol, "#if nested too deeply");
            return;
        }
        conds_[nconds_++] = Cond{take, take, false};
        if (!take) skip_group();
        return;
    }
    if (word_is(name, len, "if")) {
        bool take = eval_condition();
        if (nconds_ >= kMaxCondDepth) {
            diag_->error(dline, dcol, "#if nested too deeply");
            return;
        }
        conds_[nconds_++] = Cond{take, take, false};
        if (!take) skip_group();
        return;
    }
    if (word_is(name, len, "elif") || word_is(name, len, "else")) {
        if (nconds_ == 0 || conds_[nconds_ - 1].seen_else) {
            diag_->error(dline, dcol, "#%.*s without #if", int(len), name);
            return;
        }
        // We were taking the previous group, so this one and the rest are skipped.
        if (name[2] == 's') conds_[nconds_ - 1].seen_else = true;
        skip_rest_of_line();
        conds_[nconds_ - 1].taking = false;
        skip_group();
        return;
    }
    if (word_is(name, len, "endif")) {
        if (nconds_ == 0) {
            diag_->error(dline, dcol, "#endif without #if");
            return;
        }
        nconds_--;
        skip_rest_of_line();
        return;
    }
    if (word_is(name, len, "error")) {
        while (f.p < f.end && (*f.p == ' ' || *f.p == '\t')) f.p++;
        const char* s = f.p;
        while (f.p < f.end && *f.p != '\n') f.p++;
        diag_->error(dline, dcol, "#error %.*s", int(f.p - s), s);
        return;
    }
    if (word_is(name, len, "pragma")) {
        skip_rest_of_line();
        return;
    }
    diag_->error(dline, dcol, "unknown directive '#%.*s'", int(len), name);
}

// Skips lines until the #else/#elif/#endif that ends the current (untaken) group.
void Lexer::skip_group() {
    Frame& f = frames_[0];
    int depth = 0;
    while (f.p < f.end && !diag_->failed) {
        // At a line start.
        const char* q = f.p;
        while (q < f.end && (*q == ' ' || *q == '\t')) q++;
        if (q < f.end && *q == '#') {
            f.p = q + 1;
            uint32_t dline = line_;
            uint32_t dcol = col_of(q);
            const char* name;
            uint32_t len;
            read_line_ident(&name, &len);
            if (word_is(name, len, "if") || word_is(name, len, "ifdef") ||
                word_is(name, len, "ifndef")) {
                depth++;
            } else if (word_is(name, len, "endif")) {
                if (depth == 0) {
                    nconds_--;
                    skip_rest_of_line();
                    return;
                }
                depth--;
            } else if (depth == 0 && word_is(name, len, "else")) {
                Cond& c = conds_[nconds_ - 1];
                if (c.seen_else) {
                    diag_->error(dline, dcol, "#else after #else");
                    return;
                }
                c.seen_else = true;
                if (!c.any_taken) {
                    c.taking = c.any_taken = true;
                    skip_rest_of_line();
                    return;
                }
            } else if (depth == 0 && word_is(name, len, "elif")) {
                Cond& c = conds_[nconds_ - 1];
                if (c.seen_else) {
                    diag_->error(dline, dcol, "#elif after #else");
                    return;
                }
                if (!c.any_taken) {
                    if (eval_condition()) {
                        c.taking = c.any_taken = true;
                        return;
                    }
                    goto next_line;  // eval_condition consumed the line
                }
            }
        }
        skip_rest_of_line();
    next_line:
        if (f.p < f.end && *f.p == '\n') {
            f.p++;
            line_++;
            line_start_ = f.p;
        }
    }
    if (!diag_->failed) diag_->error(line_, col_of(f.p), "unterminated #if (expected #endif)");
}

}  // namespace tern::ccbpf
