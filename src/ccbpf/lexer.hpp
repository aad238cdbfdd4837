// Tokens and the preprocessor-aware lexer. Macros expand lazily from the source text
// itself (bodies and arguments are spans of the caller's buffer), so expansion costs a
// small fixed stack of frames and no copies.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "tern/ccbpf/arena.hpp"

namespace tern::ccbpf {

#define CCBPF_KEYWORDS(X)                                                                         \
    X(CHAR, "char")                                                                               \
    X(SHORT, "short") X(INT, "int") X(UNSIGNED, "unsigned") X(SIGNED, "signed") X(VOID, "void")   \
        X(BOOL, "_Bool") X(STRUCT, "struct") X(ENUM, "enum") X(TYPEDEF, "typedef")                \
            X(CONST, "const") X(STATIC, "static") X(EXTERN, "extern") X(IF, "if") X(ELSE, "else") \
                X(WHILE, "while") X(DO, "do") X(FOR, "for") X(SWITCH, "switch") X(CASE, "case")   \
                    X(DEFAULT, "default") X(BREAK, "break") X(CONTINUE, "continue")               \
                        X(RETURN, "return") X(SIZEOF, "sizeof") X(INLINE, "inline")               \
                            X(VOLATILE, "volatile") X(REGISTER, "register") X(FLOAT, "float")     \
                                X(DOUBLE, "double") X(LONG, "long") X(GOTO, "goto")               \
                                    X(UNION, "union")

enum Tok : uint8_t {
    T_EOF,
    T_EOL,  // end of a directive line (only while evaluating #if)
    T_NUM,
    T_STR,
    T_IDENT,
#define X(id, text) T_##id,
    CCBPF_KEYWORDS(X)
#undef X
    // punctuators
    T_LPAREN,
    T_RPAREN,
    T_LBRACKET,
    T_RBRACKET,
    T_LBRACE,
    T_RBRACE,
    T_SEMI,
    T_COMMA,
    T_DOT,
    T_ARROW,
    T_QUESTION,
    T_COLON,
    T_ELLIPSIS,
    T_HASH,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_PERCENT,
    T_AMP,
    T_PIPE,
    T_CARET,
    T_TILDE,
    T_BANG,
    T_ASSIGN,
    T_LT,
    T_GT,
    T_LE,
    T_GE,
    T_EQ,
    T_NE,
    T_SHL,
    T_SHR,
    T_ANDAND,
    T_OROR,
    T_INC,
    T_DEC,
    T_ADD_ASSIGN,
    T_SUB_ASSIGN,
    T_MUL_ASSIGN,
    T_DIV_ASSIGN,
    T_MOD_ASSIGN,
    T_AND_ASSIGN,
    T_OR_ASSIGN,
    T_XOR_ASSIGN,
    T_SHL_ASSIGN,
    T_SHR_ASSIGN,
};

struct Token {
    Tok kind;
    bool is_unsigned;  // T_NUM with a u suffix or a hex/octal value above INT_MAX
    const char* p;     // spelling (for T_STR: including the quotes)
    uint32_t len;
    int32_t value;  // T_NUM
    uint32_t line, col;
};

struct Diag {
    const char* filename;
    bool failed;
    uint32_t line, col;
    char message[192];
    void error(uint32_t line, uint32_t col, const char* fmt, ...);
};

struct Macro {
    const char* name;
    uint32_t name_len;
    int nparams;         // -1: object-like
    const char* params;  // text of the parameter list, between the parentheses
    const char* params_end;
    const char* body;
    const char* body_end;
    Macro* next;
};

constexpr int kMaxMacroParams = 8;
constexpr int kMaxFrames = 10;
constexpr int kMaxCondDepth = 16;

struct Span {
    const char* p;
    const char* end;
};

struct Frame {
    const char* p;
    const char* end;
    Macro* macro;  // the macro whose body this is, or null (file or argument text)
    int env;       // frame whose macro parameters name things here, -1 for none
    int args_env;  // (macro frames) env of the text the arguments were written in
    int owner;     // (argument frames) the macro frame whose argument this is, else -1
    uint8_t nargs;
    Span args[kMaxMacroParams];
};

struct Cond {
    bool taking;     // this group's lines are compiled
    bool any_taken;  // some earlier group of this #if was taken
    bool seen_else;
};

class Lexer {
  public:
    Lexer(const char* src, size_t len, Arena* arena, Diag* diag);
    Token next();
    // Classic one-token lookahead support for the parser.
    const Token& peek();

    // The whole lexer state is plain data, so saving it is a copy (used to pre-count
    // array initializers).
    uint32_t line() const { return line_; }

  private:
    friend class PpExpr;
    Token lex_one(bool* produced);
    bool skip_space(Frame& f);
    void directive();
    void skip_group();
    bool eval_condition();
    Macro* find_macro(const char* name, uint32_t len);
    int param_index(const Macro* m, const char* name, uint32_t len);
    bool try_expand(const char* name, uint32_t len);
    bool expanding(const Macro* m) const;
    bool collect_args(Frame& f, Macro* m, Frame* nf);
    void define_builtin(const char* name, const char* body);
    void read_line_ident(const char** name, uint32_t* len);
    void skip_rest_of_line();
    Token make(Tok k, const char* p, uint32_t len);
    uint32_t col_of(const char* p) const { return uint32_t(p - line_start_) + 1; }

  public:
    Frame frames_[kMaxFrames];
    int nframes_ = 1;
    Cond conds_[kMaxCondDepth];
    int nconds_ = 0;
    Macro* macros_ = nullptr;
    Arena* arena_;
    Diag* diag_;
    uint32_t line_ = 1;
    const char* line_start_;
    bool at_line_start_ = true;
    bool directive_mode_ = false;
    bool no_expand_ = false;
    uint32_t exp_line_ = 0, exp_col_ = 0;
    bool has_peek_ = false;
    Token peeked_{};
};

// Decodes the escape at *p (after the backslash); advances p. Returns the byte value.
int decode_escape(const char** p, const char* end);

// Binary-operator precedence, C's (higher binds tighter; 0 = not a binary operator).
// One table for the parser and the preprocessor's #if evaluator.
int prec_of(Tok k);

}  // namespace tern::ccbpf
