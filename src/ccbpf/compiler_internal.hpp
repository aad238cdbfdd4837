// Shared state of the one-pass compiler: types, symbols, the code emitter and the parser.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "lexer.hpp"
#include "tern/ccbpf/compiler.hpp"
#include "tern/ccbpf/image.hpp"

namespace tern::ccbpf {

enum TypeKind : uint8_t {
    TY_VOID,
    TY_BOOL,
    TY_I8,
    TY_U8,
    TY_I16,
    TY_U16,
    TY_I32,
    TY_U32,
    TY_PTR,
    TY_ARRAY,
    TY_STRUCT,
    TY_FUNC
};

struct Member;

struct Type {
    TypeKind kind;
    bool complete;
    uint8_t nparams;  // TY_FUNC
    uint8_t align;
    uint32_t size;
    uint32_t count;  // TY_ARRAY elements (0: not yet known)
    Type* base;      // pointee, element, or function result
    Type* ptr;       // cached "pointer to this"
    union {
        Member* members;  // TY_STRUCT
        Type** params;    // TY_FUNC
    };
};

// Struct tags live in their own list so that untagged types pay nothing for them.
struct Tag {
    const char* name;
    uint32_t len;
    Type* type;
    Tag* next;
};

struct Member {
    const char* name;
    uint32_t len;
    Type* type;
    uint32_t offset;
    Member* next;
};

enum SymKind : uint8_t { S_LOCAL, S_GLOBAL, S_FUNC, S_TYPEDEF, S_ENUM, S_BUILTIN };

struct Sym;

// What only functions need: where the body is (for the function table).
struct FuncData {
    uint32_t entry, end, frame_size;
    uint16_t max_stack;
    uint16_t line, col;
    bool defined;  // has a body
    bool used;     // is called
    Sym* next;     // all functions, in declaration order
};

struct Sym {
    const char* name;
    uint16_t len;
    SymKind kind;
    bool is_const;
    int32_t value;  // frame offset, address, enum value, function number
    Type* type;
    Sym* next;
    FuncData* fn;  // S_FUNC only
};

// Where an expression's value is, before the emitter is forced to load it (one-pass
// codegen keeps operands lazy so `x + 1` becomes LDL x; ADDI 1).
enum ValKind : uint8_t { V_CONST, V_ADDR, V_ACC, V_LOCAL, V_GLOBAL, V_MEM, V_FUNC, V_BUILTIN };

// The one-byte fields last: 16 bytes on a 32-bit target instead of 20, in every frame.
struct Val {
    Type* t;
    int32_t v;  // constant, address, frame offset; function sym index for V_FUNC
    Sym* sym;   // V_FUNC, V_BUILTIN
    ValKind k;
    bool is_const_obj;
    bool whole_slot;  // a scalar local variable itself (not a member or element)
};

// Where an operator or operand began, for its error messages. The parser keeps one in
// every frame of its recursion; a whole Token there would cost 16 more bytes per frame.
struct Pos {
    uint32_t line, col;
};

inline Pos pos_of(const Token& t) {
    return {t.line, t.col};
}

// Line entries are packed to 16 bits each while compiling (the image widens them).
struct PackedLine {
    uint16_t pc;
    uint16_t line;
};

struct LineBlock {
    PackedLine e[16];
    uint32_t n;
    LineBlock* next;
};

struct Loop {
    int32_t break_chain;
    int32_t continue_chain;
    bool is_switch;
    Loop* outer;
};

constexpr int32_t kNoChain = -1;

// Built-in function number for `name`, or -1.
int builtin_named(const char* name, uint32_t len);

class Compiler {
  public:
    Compiler(const char* filename, const char* src, size_t len, Arena* arena, uint8_t* out,
             size_t out_cap, const CompileOptions& opt);
    CompileResult run();

    // ---- tokens
    void advance();
    bool accept(Tok k);
    bool expect(Tok k, const char* what);
    void error_here(const char* fmt, ...);
    bool failed() const { return diag.failed; }
    // True (after reporting it) when the native stack is nearly used up (see stack_bottom).
    bool out_of_stack();
    // The guard of every function that recurses with the program's nesting: counts a level
    // and is false, after reporting it, past `limit` levels ("WHAT nested too deeply") or
    // when the native stack is nearly used up. The caller undoes its level either way.
    bool enter_level(int limit, const char* what);

    // ---- types (types.cpp)
    Type* new_type(TypeKind k, uint32_t size, uint32_t align);
    Type* pointer_to(Type* base);
    Type* array_of(Type* elem, uint32_t count);
    static bool is_integer(const Type* t) { return t->kind >= TY_BOOL && t->kind <= TY_U32; }
    static bool is_pointer(const Type* t) { return t->kind == TY_PTR; }
    static bool is_scalar(const Type* t) { return is_integer(t) || is_pointer(t); }
    static bool is_unsigned(const Type* t) {
        return t->kind == TY_BOOL || t->kind == TY_U8 || t->kind == TY_U16 || t->kind == TY_U32 ||
               t->kind == TY_PTR;
    }
    Type* promote(Type* t) { return (is_integer(t) && t->kind != TY_U32) ? t_int : t; }
    Type* arith_type(Type* a, Type* b);
    Type* find_tag(const char* name, uint32_t len);
    Member* find_member(Type* st, const char* name, uint32_t len);

    // ---- symbols (symbols.cpp)
    Sym* lookup(const char* name, uint32_t len);
    Sym* lookup_scope(const char* name, uint32_t len);  // current scope only
    Type* typedef_named(const Token& t);                // a typedef name's type, or null
    Sym* add_sym(const char* name, uint32_t len, SymKind kind, Type* t, int32_t value);
    uint32_t alloc_local(Type* t);
    uint32_t alloc_global(Type* t);
    void data_write(uint32_t addr, uint32_t value, uint32_t size);
    uint32_t string_literal(Token first, uint32_t* len_out);

    // ---- emitter (emit.cpp)
    uint32_t emit(Opcode op, int32_t imm = 0, uint8_t a = 0, int16_t b = 0);
    bool fuse(Opcode op, int32_t imm);
    uint32_t here();  // a jump target: peepholes may not reach back past it
    Insn* last();     // the last instruction if a peephole may touch it, else null
    Insn* before_last();
    void drop_last();
    void patch_chain(int32_t chain, uint32_t target);
    int32_t emit_jump(Opcode op, int32_t chain);
    void mark_line(uint32_t line);
    // Ends the line table before the first entry at or past `pc` (code that was cut,
    // dropped by a peephole, or never emitted after a function's last instruction).
    void drop_lines_from(uint32_t pc);
    void load(Val& v);                     // value to acc (arrays decay, functions refused)
    void load_address(Val& v);             // lvalue's address to acc
    void convert(Val& v, Type* to);        // acc holds v; normalise to `to`
    void store(Val& dst, Type* src_type);  // acc = value; address pushed before if V_MEM
    void branch_false(Val& cond, int32_t* chain);
    void branch_true(Val& cond, int32_t* chain);
    uint32_t cut_code(uint32_t from, Insn** saved);
    // join: the pasted code is no jump target, so its first instruction may combine with
    // the one before it (a loop's step with its test).
    // Jumps to a JMP go to its target instead; a JMP to a RET becomes that RET.
    void thread_jumps(uint32_t entry);
    void fuse_loop_steps(uint32_t entry);
    void paste_code(const Insn* saved, uint32_t n, uint32_t from_pc, bool join = false);

    // ---- declarations (parse_decl.cpp)
    struct DeclSpec {
        Type* type;
        bool is_typedef, is_static, is_extern, is_const;
    };
    bool starts_type(const Token& t);
    bool parse_specifiers(DeclSpec* ds);
    Type* parse_declarator(Type* base, Token* name, bool is_param_list_allowed);
    Type* array_suffix(Type* t);
    Type* parenthesized_declarator(Type* t, Token* name);
    Type* parse_struct();
    Type* parse_enum();
    Type* parse_type_name();  // for casts and sizeof
    void top_level();
    void function_body(Sym* f, Token name);
    void local_declaration();
    void init_local(Type* t, uint32_t off, Token at);
    void init_global(Type* t, uint32_t addr, Token at);
    uint32_t count_initializer(Type* t);

    // ---- expressions (parse_expr.cpp)
    // The functions that recurse with the program's nesting keep small frames: the work
    // before and after each recursive call is in out-of-line helpers that take the operand
    // by reference (see "Compiler" in docs/ccbpf.md).
    // They leave their value in an out-parameter: assigning a returned Val would take a
    // temporary per frame.
    void expr(Val& v);
    void assign_expr(Val& v);
    void cond_expr(Val& v);
    Val expr() {
        Val v;
        expr(v);
        return v;
    }
    Val assign_expr() {
        Val v;
        assign_expr(v);
        return v;
    }
    Val cond_expr() {
        Val v;
        cond_expr(v);
        return v;
    }
    void cond_rest(Val& c);    // after `c ?`
    void assign_rest(Val& l);  // at an assignment operator after l
    void binary_expr(Val& v, int min_prec);
    void logical_rest(Val& l, bool is_and, int prec);  // after `l &&` or `l ||`
    void unary_expr(Val& v);
    void sizeof_expr(Val& v, Pos at);
    void postfix_expr(Val& v);
    void primary_expr(Val& v);
    Val primary();
    void zero(Val& v);
    void subscript(Val& v, Pos at);
    void member(Val& v, Pos at);
    void call(Val& fn, Pos at);  // fn becomes the call's value
    Val const_value(int32_t v, Type* t);
    int32_t const_expr(const char* what);
    Val assign(Val& lhs, Tok op, Pos at);
    void incdec(Val& v, int delta, bool post, Pos at);  // v becomes the result
    void rvalue(Val& v) { load(v); }

    // ---- statements (parse_stmt.cpp)
    void statement(bool in_block = false);  // declarations only directly inside a block
    void block();
    void if_stmt();
    void while_stmt();
    void do_stmt();
    void for_stmt();
    void switch_stmt();
    void return_stmt();
    void expr_stmt();

    // ---- image (image_write.cpp)
    bool write_image(size_t* size);

    Diag diag;
    Lexer lx;
    Token tok;
    Arena* arena;
    uint8_t* out;
    size_t out_cap;
    CompileOptions opt;
    int nesting = 0;            // recursion guard against pathological inputs
    uintptr_t stack_floor = 0;  // the stack may not grow below this (0: unchecked)

    Type *t_void, *t_bool, *t_char, *t_uchar, *t_short, *t_ushort, *t_int, *t_uint, *t_charp;
    Tag* tags = nullptr;
    void add_tag(const Token& name, Type* t);
    Sym* globals = nullptr;
    Sym* locals = nullptr;
    Sym* scope_floor = nullptr;  // locals below this belong to enclosing blocks
    Sym* funcs = nullptr;
    Sym* funcs_tail = nullptr;
    uint32_t nfuncs = 0;
    uint32_t global_top = kGlobalsStart;
    uint32_t data_end = kGlobalsStart;  // highest initialised global byte + 1

    // Code lives at the front of `out`, the global data image (stored back to front)
    // at its end; both grow towards the middle.
    Insn* code;
    uint32_t ncode = 0;
    uint32_t barrier = 0;
    int depth = 0;
    int max_depth = 0;
    LineBlock* lines = nullptr;
    LineBlock* lines_tail = nullptr;
    uint32_t last_line = 0;

    // Current function.
    Sym* cur_func = nullptr;
    uint32_t frame_off = 0;
    uint32_t frame_max = 0;
    Loop* loop = nullptr;
    struct Case {
        int32_t value;
        uint32_t pc;
        Case* next;
    };
    struct Switch {
        Case* cases;
        int32_t default_pc;
        Switch* outer;
    };
    Switch* cur_switch = nullptr;
    int block_depth = 0;

    // Parameters of the most recent function declarator.
    Token param_names[8];
    Type* param_types[8];
    int nparams = 0;
};

}  // namespace tern::ccbpf
