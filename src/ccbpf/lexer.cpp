#include "lexer.hpp"

#include <stdarg.h>
#include <string.h>

#include "text.hpp"

namespace tern::ccbpf {

void Diag::error(uint32_t l, uint32_t c, const char* fmt, ...) {
    if (failed) return;  // the first error is the one reported
    failed = true;
    line = l;
    col = c;
    size_t n = text_format(message, sizeof message, "%s:%u:%u: error: ", filename, l, c);
    va_list ap;
    va_start(ap, fmt);
    if (n < sizeof message) text_vformat(message + n, sizeof message - n, fmt, ap);
    va_end(ap);
}

static bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
static bool is_ident_char(char c) {
    return is_ident_start(c) || is_digit(c);
}

static const struct {
    const char* text;
    Tok kind;
} kKeywords[] = {
#define X(id, text) {text, T_##id},
    CCBPF_KEYWORDS(X)
#undef X
};

Lexer::Lexer(const char* src, size_t len, Arena* arena, Diag* diag) : arena_(arena), diag_(diag) {
    frames_[0] = Frame{src, src + len, nullptr, -1, -1, -1, 0, {}};
    line_start_ = src;
    // What ccbpf.h provides beyond the built-in functions.
    define_builtin("__CCBPF__", "1");
    define_builtin("NULL", "((void*)0)");
    define_builtin("bool", "_Bool");
    define_builtin("true", "1");
    define_builtin("false", "0");
    define_builtin("INT_MAX", "2147483647");
    define_builtin("INT_MIN", "(-2147483647-1)");
    define_builtin("UINT_MAX", "4294967295u");
}

void Lexer::define_builtin(const char* name, const char* body) {
    Macro* m = static_cast<Macro*>(arena_->alloc(sizeof(Macro)));
    if (!m) return;
    m->name = name;
    m->name_len = uint32_t(strlen(name));
    m->nparams = -1;
    m->body = body;
    m->body_end = body + strlen(body);
    m->next = macros_;
    macros_ = m;
}

int decode_escape(const char** pp, const char* end) {
    const char* p = *pp;
    if (p >= end) return -1;
    char c = *p++;
    int v;
    switch (c) {
        case 'n':
            v = '\n';
            break;
        case 't':
            v = '\t';
            break;
        case 'r':
            v = '\r';
            break;
        case 'a':
            v = 7;
            break;
        case 'b':
            v = 8;
            break;
        case 'f':
            v = 12;
            break;
        case 'v':
            v = 11;
            break;
        case 'e':
            v = 27;
            break;
        case '\\':
        case '\'':
        case '"':
        case '?':
            v = c;
            break;
        case 'x': {
            v = 0;
            int digits = 0;
            while (p < end) {
                char h = *p;
                int d = is_digit(h)              ? h - '0'
                        : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                 : -1;
                if (d < 0) break;
                v = (v * 16 + d) & 0xff;
                p++;
                digits++;
            }
            if (!digits) return -1;
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                v = c - '0';
                for (int i = 0; i < 2 && p < end && *p >= '0' && *p <= '7'; i++)
                    v = v * 8 + (*p++ - '0');
                v &= 0xff;
            } else {
                return -1;
            }
    }
    *pp = p;
    return v;
}

// Skips blanks and comments. In the file frame it counts lines and notices line starts;
// returns false when a directive line ends (directive mode).
bool Lexer::skip_space(Frame& f) {
    bool base = (&f == &frames_[0]);
    while (f.p < f.end) {
        char c = *f.p;
        if (c == '\n') {
            if (base) {
                if (directive_mode_) return false;
                line_++;
                line_start_ = f.p + 1;
                at_line_start_ = true;
            }
            f.p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            f.p++;
        } else if (c == '\\' && f.p + 1 < f.end && (f.p[1] == '\n' || f.p[1] == '\r')) {
            f.p++;
            if (*f.p == '\r') f.p++;
            if (f.p < f.end && *f.p == '\n') {
                f.p++;
                if (base) {
                    line_++;
                    line_start_ = f.p;
                }
            }
        } else if (c == '/' && f.p + 1 < f.end && f.p[1] == '/') {
            while (f.p < f.end && *f.p != '\n') f.p++;
        } else if (c == '/' && f.p + 1 < f.end && f.p[1] == '*') {
            const char* start = f.p;
            uint32_t start_line = line_, start_col = col_of(start);
            f.p += 2;
            while (f.p < f.end && !(*f.p == '*' && f.p + 1 < f.end && f.p[1] == '/')) {
                if (*f.p == '\n' && base) {
                    line_++;
                    line_start_ = f.p + 1;
                }
                f.p++;
            }
            if (f.p >= f.end) {
                diag_->error(start_line, start_col, "unterminated comment");
                f.p = f.end;
                return true;
            }
            f.p += 2;
        } else {
            break;
        }
    }
    return true;
}

Token Lexer::make(Tok k, const char* p, uint32_t len) {
    Token t{};
    t.kind = k;
    t.p = p;
    t.len = len;
    if (nframes_ > 1) {
        t.line = exp_line_;
        t.col = exp_col_;
    } else {
        t.line = line_;
        t.col = col_of(p);
    }
    return t;
}

Macro* Lexer::find_macro(const char* name, uint32_t len) {
    for (Macro* m = macros_; m; m = m->next)
        if (m->name_len == len && memcmp(m->name, name, len) == 0) return m;
    return nullptr;
}

int Lexer::param_index(const Macro* m, const char* name, uint32_t len) {
    int index = 0;
    const char* p = m->params;
    while (p < m->params_end) {
        if (is_ident_start(*p)) {
            const char* s = p;
            while (p < m->params_end && is_ident_char(*p)) p++;
            if (uint32_t(p - s) == len && memcmp(s, name, len) == 0) return index;
            index++;
        } else {
            p++;
        }
    }
    return -1;
}

// Reads the arguments of a function-like macro call; f.p is just after '('.
bool Lexer::collect_args(Frame& f, Macro* m, Frame* nf) {
    int depth = 0;
    int n = 0;
    const char* arg_start = f.p;
    bool base = (&f == &frames_[0]);
    while (f.p < f.end) {
        char c = *f.p;
        if (c == '"' || c == '\'') {
            f.p++;
            while (f.p < f.end && *f.p != c && *f.p != '\n') {
                if (*f.p == '\\') f.p++;
                f.p++;
            }
            if (f.p < f.end) f.p++;
            continue;
        }
        if (c == '\n' && base) {
            line_++;
            line_start_ = f.p + 1;
        }
        if (c == '(') depth++;
        if ((c == ',' && depth == 0) || (c == ')' && depth == 0)) {
            if (n >= kMaxMacroParams) {
                diag_->error(line_, col_of(f.p), "too many macro arguments");
                return false;
            }
            const char* s = arg_start;
            const char* e = f.p;
            while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
            nf->args[n++] = Span{s, e};
            f.p++;
            arg_start = f.p;
            if (c == ')') {
                if (m->nparams == 0 && n == 1 && nf->args[0].p == nf->args[0].end) n = 0;
                if (n != m->nparams) {
                    diag_->error(exp_line_, exp_col_, "macro '%.*s' expects %d arguments, got %d",
                                 int(m->name_len), m->name, m->nparams, n);
                    return false;
                }
                nf->nargs = uint8_t(n);
                return true;
            }
            continue;
        }
        if (c == ')') depth--;
        f.p++;
    }
    diag_->error(exp_line_, exp_col_, "unterminated call of macro '%.*s'", int(m->name_len),
                 m->name);
    return false;
}

// Is `m` being expanded in the context of the text being read? Argument text belongs to
// the context of the macro call, so the frames of the macro that owns an argument (and
// everything above it) do not count -- this is what lets TWICE(TWICE(x)) expand.
bool Lexer::expanding(const Macro* m) const {
    for (int i = nframes_ - 1; i >= 1; i--) {
        if (frames_[i].owner >= 0) {
            i = frames_[i].owner;
            continue;
        }
        if (frames_[i].macro == m) return true;
    }
    return false;
}

// Called with an identifier just lexed from the top frame. Returns true when it was
// replaced by an expansion (a new frame), false when it stands for itself.
bool Lexer::try_expand(const char* name, uint32_t len) {
    Frame* f = &frames_[nframes_ - 1];
    if (f->env >= 0) {
        Frame& env = frames_[f->env];
        int i = param_index(env.macro, name, len);
        if (i >= 0 && i < env.nargs) {
            if (nframes_ >= kMaxFrames) {
                diag_->error(exp_line_, exp_col_, "macro expansion too deep");
                return true;
            }
            frames_[nframes_++] =
                Frame{env.args[i].p, env.args[i].end, nullptr, env.args_env, -1, f->env, 0, {}};
            return true;
        }
    }
    if (no_expand_) return false;
    Macro* m = find_macro(name, len);
    if (!m || expanding(m)) return false;
    if (nframes_ >= kMaxFrames) {
        diag_->error(exp_line_, exp_col_, "macro expansion too deep");
        return true;
    }
    if (nframes_ == 1) {
        exp_line_ = line_;
        exp_col_ = col_of(name);
    }
    Frame nf{m->body, m->body_end, m, nframes_, -1, -1, 0, {}};
    if (m->nparams >= 0) {
        // A function-like macro only expands when '(' follows, possibly after the end
        // of the frames it came from (which are finished and can be dropped).
        for (;;) {
            Frame& g = frames_[nframes_ - 1];
            if (!skip_space(g)) return false;  // end of directive line
            if (g.p < g.end) break;
            if (nframes_ == 1) return false;
            nframes_--;
        }
        Frame& g = frames_[nframes_ - 1];
        if (*g.p != '(') return false;
        g.p++;
        nf.args_env = g.env;
        if (!collect_args(g, m, &nf)) return true;
        nf.env = nframes_;
    }
    frames_[nframes_++] = nf;
    return true;
}

static Tok punct(const char* p, const char* end, uint32_t* len) {
    struct P {
        const char* s;
        Tok k;
    };
    static const P table[] = {
        {"<<=", T_SHL_ASSIGN}, {">>=", T_SHR_ASSIGN}, {"...", T_ELLIPSIS},  {"->", T_ARROW},
        {"++", T_INC},         {"--", T_DEC},         {"<<", T_SHL},        {">>", T_SHR},
        {"<=", T_LE},          {">=", T_GE},          {"==", T_EQ},         {"!=", T_NE},
        {"&&", T_ANDAND},      {"||", T_OROR},        {"+=", T_ADD_ASSIGN}, {"-=", T_SUB_ASSIGN},
        {"*=", T_MUL_ASSIGN},  {"/=", T_DIV_ASSIGN},  {"%=", T_MOD_ASSIGN}, {"&=", T_AND_ASSIGN},
        {"|=", T_OR_ASSIGN},   {"^=", T_XOR_ASSIGN},  {"(", T_LPAREN},      {")", T_RPAREN},
        {"[", T_LBRACKET},     {"]", T_RBRACKET},     {"{", T_LBRACE},      {"}", T_RBRACE},
        {";", T_SEMI},         {",", T_COMMA},        {".", T_DOT},         {"?", T_QUESTION},
        {":", T_COLON},        {"#", T_HASH},         {"+", T_PLUS},        {"-", T_MINUS},
        {"*", T_STAR},         {"/", T_SLASH},        {"%", T_PERCENT},     {"&", T_AMP},
        {"|", T_PIPE},         {"^", T_CARET},        {"~", T_TILDE},       {"!", T_BANG},
        {"=", T_ASSIGN},       {"<", T_LT},           {">", T_GT},
    };
    for (const P& e : table) {
        uint32_t n = uint32_t(strlen(e.s));
        if (uint32_t(end - p) >= n && memcmp(p, e.s, n) == 0) {
            *len = n;
            return e.k;
        }
    }
    return T_EOF;
}

const Token& Lexer::peek() {
    if (!has_peek_) {
        peeked_ = next();
        has_peek_ = true;
    }
    return peeked_;
}

Token Lexer::next() {
    if (has_peek_) {
        has_peek_ = false;
        return peeked_;
    }
    for (;;) {
        if (diag_->failed) return make(T_EOF, frames_[0].end, 0);
        Frame& f = frames_[nframes_ - 1];
        if (!skip_space(f)) return make(T_EOL, f.p, 0);
        if (f.p >= f.end) {
            if (nframes_ > 1) {
                nframes_--;
                continue;
            }
            if (directive_mode_) return make(T_EOL, f.p, 0);
            if (nconds_ > 0) {
                diag_->error(line_, col_of(f.p), "unterminated #if (expected #endif)");
                continue;
            }
            return make(T_EOF, f.p, 0);
        }
        if (nframes_ == 1 && at_line_start_ && *f.p == '#' && !directive_mode_) {
            f.p++;
            directive();
            continue;
        }
        if (nframes_ == 1) at_line_start_ = false;
        const char* s = f.p;
        char c = *s;
        if (is_ident_start(c)) {
            while (f.p < f.end && is_ident_char(*f.p)) f.p++;
            uint32_t len = uint32_t(f.p - s);
            if (try_expand(s, len)) continue;
            Token t = make(T_IDENT, s, len);
            for (const auto& k : kKeywords)
                if (strlen(k.text) == len && memcmp(k.text, s, len) == 0) t.kind = k.kind;
            return t;
        }
        if (is_digit(c) || (c == '.' && f.p + 1 < f.end && is_digit(f.p[1]))) {
            uint64_t v = 0;
            bool overflow = false;
            bool decimal = true;
            if (c == '0' && f.p + 1 < f.end && (f.p[1] == 'x' || f.p[1] == 'X')) {
                f.p += 2;
                decimal = false;
                const char* digits = f.p;
                while (f.p < f.end) {
                    char h = *f.p;
                    int d = is_digit(h)              ? h - '0'
                            : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                            : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                     : -1;
                    if (d < 0) break;
                    v = v * 16 + uint64_t(d);
                    if (v > 0xffffffffull) overflow = true;
                    f.p++;
                }
                if (f.p == digits) {
                    diag_->error(line_, col_of(s), "expected hexadecimal digits");
                    continue;
                }
            } else {
                int base = (c == '0') ? 8 : 10;
                decimal = base == 10;
                while (f.p < f.end && is_digit(*f.p)) {
                    if (*f.p - '0' >= base) {
                        diag_->error(line_, col_of(f.p), "invalid digit in octal constant");
                        break;
                    }
                    v = v * uint64_t(base) + uint64_t(*f.p - '0');
                    if (v > 0xffffffffull) overflow = true;
                    f.p++;
                }
            }
            if (f.p < f.end && (*f.p == '.' || *f.p == 'e' || *f.p == 'E' || *f.p == 'f')) {
                diag_->error(line_, col_of(s), "floating point is not supported");
                continue;
            }
            Token t = make(T_NUM, s, 0);
            while (f.p < f.end && (*f.p == 'u' || *f.p == 'U')) {
                t.is_unsigned = true;
                f.p++;
            }
            if (f.p < f.end && (*f.p == 'l' || *f.p == 'L')) {
                diag_->error(line_, col_of(s), "long constants are not supported (int is 32 bits)");
                continue;
            }
            if (f.p < f.end && is_ident_char(*f.p)) {
                diag_->error(line_, col_of(s), "invalid suffix on integer constant");
                continue;
            }
            if (overflow || (decimal && !t.is_unsigned && v > 0x7fffffffull)) {
                diag_->error(line_, col_of(s), "integer constant is too large");
                continue;
            }
            if (v > 0x7fffffffull) t.is_unsigned = true;
            t.value = int32_t(uint32_t(v));
            t.len = uint32_t(f.p - s);
            return t;
        }
        if (c == '\'') {
            f.p++;
            int v;
            if (f.p < f.end && *f.p == '\\') {
                f.p++;
                v = decode_escape(&f.p, f.end);
            } else if (f.p < f.end && *f.p != '\'' && *f.p != '\n') {
                v = static_cast<unsigned char>(*f.p++);
            } else {
                v = -1;
            }
            if (v < 0 || f.p >= f.end || *f.p != '\'') {
                diag_->error(line_, col_of(s), "bad character constant");
                continue;
            }
            f.p++;
            Token t = make(T_NUM, s, uint32_t(f.p - s));
            t.value = int32_t(int8_t(uint8_t(v)));  // plain char is signed
            return t;
        }
        if (c == '"') {
            f.p++;
            while (f.p < f.end && *f.p != '"' && *f.p != '\n') {
                if (*f.p == '\\' && f.p + 1 < f.end) f.p++;
                f.p++;
            }
            if (f.p >= f.end || *f.p != '"') {
                diag_->error(line_, col_of(s), "unterminated string literal");
                continue;
            }
            f.p++;
            return make(T_STR, s, uint32_t(f.p - s));
        }
        uint32_t len = 0;
        Tok k = punct(f.p, f.end, &len);
        if (k == T_EOF) {
            diag_->error(line_, col_of(s), "unexpected character '%c'",
                         c >= 32 && c < 127 ? c : '?');
            continue;
        }
        f.p += len;
        return make(k, s, len);
    }
}

int prec_of(Tok k) {
    switch (k) {
        case T_OROR:
            return 1;
        case T_ANDAND:
            return 2;
        case T_PIPE:
            return 3;
        case T_CARET:
            return 4;
        case T_AMP:
            return 5;
        case T_EQ:
        case T_NE:
            return 6;
        case T_LT:
        case T_GT:
        case T_LE:
        case T_GE:
            return 7;
        case T_SHL:
        case T_SHR:
            return 8;
        case T_PLUS:
        case T_MINUS:
            return 9;
        case T_STAR:
        case T_SLASH:
        case T_PERCENT:
            return 10;
        default:
            return 0;
    }
}

}  // namespace tern::ccbpf
