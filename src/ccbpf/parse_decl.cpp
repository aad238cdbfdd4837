// Declarations: specifiers, declarators, structs, enums, typedefs, functions, globals,
// locals and their initialisers.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

bool Compiler::starts_type(const Token& t) {
    switch (t.kind) {
        case T_CHAR:
        case T_SHORT:
        case T_INT:
        case T_UNSIGNED:
        case T_SIGNED:
        case T_VOID:
        case T_BOOL:
        case T_STRUCT:
        case T_ENUM:
        case T_TYPEDEF:
        case T_CONST:
        case T_STATIC:
        case T_EXTERN:
        case T_INLINE:
        case T_VOLATILE:
        case T_REGISTER:
        case T_FLOAT:
        case T_DOUBLE:
        case T_LONG:
        case T_UNION:
            return true;
        case T_IDENT:
            return typedef_named(t) != nullptr;
        default:
            return false;
    }
}

bool Compiler::parse_specifiers(DeclSpec* ds) {
    *ds = DeclSpec{};
    int n_void = 0, n_bool = 0, n_char = 0, n_short = 0, n_int = 0, n_signed = 0, n_unsigned = 0;
    Type* named = nullptr;
    bool any = false;
    for (bool more = true; more && !failed();) {
        switch (tok.kind) {
            case T_CONST:
                ds->is_const = true;
                break;
            case T_VOLATILE:
            case T_INLINE:
            case T_REGISTER:
                break;
            case T_STATIC:
                ds->is_static = true;
                break;
            case T_EXTERN:
                ds->is_extern = true;
                break;
            case T_TYPEDEF:
                ds->is_typedef = true;
                break;
            case T_VOID:
                n_void++;
                break;
            case T_BOOL:
                n_bool++;
                break;
            case T_CHAR:
                n_char++;
                break;
            case T_SHORT:
                n_short++;
                break;
            case T_INT:
                n_int++;
                break;
            case T_SIGNED:
                n_signed++;
                break;
            case T_UNSIGNED:
                n_unsigned++;
                break;
            case T_LONG:
                error_here("'long' is not supported (int is 32 bits; use int or int32_t)");
                return false;
            case T_FLOAT:
            case T_DOUBLE:
                error_here("floating point is not supported");
                return false;
            case T_UNION:
                error_here("union is not supported");
                return false;
            case T_STRUCT:
                if (named) error_here("two types in one declaration");
                named = parse_struct();
                any = true;
                continue;
            case T_ENUM:
                if (named) error_here("two types in one declaration");
                named = parse_enum();
                any = true;
                continue;
            case T_IDENT: {
                if (named || n_void || n_bool || n_char || n_short || n_int || n_signed ||
                    n_unsigned) {
                    more = false;
                    continue;
                }
                Type* td = typedef_named(tok);
                if (!td) {
                    more = false;
                    continue;
                }
                named = td;
                Sym* s = lookup(tok.p, tok.len);
                if (s && s->is_const) ds->is_const = true;
                break;
            }
            default:
                more = false;
                continue;
        }
        any = true;
        advance();
    }
    if (!any) return false;
    int n_basic = n_void + n_bool + n_char + n_short + n_int + n_signed + n_unsigned;
    if (named) {
        if (n_basic) error_here("two types in one declaration");
        ds->type = named;
    } else if (n_void) {
        ds->type = t_void;
        if (n_basic > 1) error_here("invalid type (void)");
    } else if (n_bool) {
        ds->type = t_bool;
        if (n_basic > 1) error_here("invalid type (_Bool)");
    } else if (n_signed && n_unsigned) {
        error_here("both signed and unsigned");
        ds->type = t_int;
    } else if (n_char) {
        ds->type = n_unsigned ? t_uchar : t_char;
        if (n_char > 1 || n_short || n_int) error_here("invalid type (char)");
    } else if (n_short) {
        ds->type = n_unsigned ? t_ushort : t_short;
        if (n_short > 1 || n_int > 1) error_here("invalid type (short)");
    } else if (n_int || n_signed || n_unsigned) {
        ds->type = n_unsigned ? t_uint : t_int;
        if (n_int > 1) error_here("invalid type (int)");
    } else {
        error_here("expected a type (implicit int is not supported)");
        ds->type = t_int;
    }
    return true;
}

Type* Compiler::parse_declarator(Type* base, Token* name, bool allow_func) {
    Type* t = base;
    *name = Token{};
    name->kind = T_EOF;
    if (out_of_stack()) return t;
    while (tok.kind == T_STAR && !failed()) {
        advance();
        t = pointer_to(t);
        while (tok.kind == T_CONST || tok.kind == T_VOLATILE) advance();
    }
    *name = Token{};
    name->kind = T_EOF;
    name->line = tok.line;
    name->col = tok.col;
    if (tok.kind == T_LPAREN && lx.peek().kind == T_STAR) return parenthesized_declarator(t, name);
    if (tok.kind == T_IDENT) {
        *name = tok;
        advance();
    }
    if (tok.kind == T_LPAREN) {
        if (!allow_func) {
            error_here("function pointers are not supported");
            return t;
        }
        if (t->kind == TY_ARRAY || t->kind == TY_STRUCT) {
            error_here("functions cannot return arrays or structs (return a pointer)");
            return t;
        }
        advance();
        int n = 0;
        Token pnames[8];
        Type* ptypes[8];
        if (tok.kind == T_RPAREN) {
            advance();
        } else if (tok.kind == T_VOID && lx.peek().kind == T_RPAREN) {
            advance();
            advance();
        } else {
            for (;;) {
                if (tok.kind == T_ELLIPSIS) {
                    error_here("variadic functions are not supported");
                    return t;
                }
                DeclSpec ps;
                if (!parse_specifiers(&ps)) {
                    if (!failed()) error_here("expected a parameter type");
                    return t;
                }
                Token pn;
                Type* pt = parse_declarator(ps.type, &pn, false);
                if (failed()) return t;
                if (pt->kind == TY_ARRAY) pt = pointer_to(pt->base);
                if (pt->kind == TY_STRUCT) {
                    diag.error(pn.line, pn.col, "struct parameters must be passed by pointer");
                    return t;
                }
                if (pt->kind == TY_VOID) {
                    diag.error(pn.line, pn.col, "parameter of type void");
                    return t;
                }
                if (n == 8) {
                    diag.error(pn.line, pn.col, "too many parameters (at most 8)");
                    return t;
                }
                pnames[n] = pn;
                ptypes[n] = pt;
                n++;
                if (tok.kind != T_COMMA) break;
                advance();
            }
            if (!expect(T_RPAREN, "')'")) return t;
        }
        Type* ft = new_type(TY_FUNC, 0, 1);
        ft->base = t;
        ft->nparams = uint8_t(n);
        if (n) {
            ft->params = static_cast<Type**>(arena->alloc(sizeof(Type*) * size_t(n)));
            if (!ft->params) {
                error_here("out of compiler memory");
                return t;
            }
        }
        for (int i = 0; i < n; i++) {
            ft->params[i] = ptypes[i];
            param_names[i] = pnames[i];
            param_types[i] = ptypes[i];
        }
        nparams = n;
        if (tok.kind == T_LBRACKET) error_here("functions cannot return arrays");
        return ft;
    }
    return array_suffix(t);
}

// `[N][M]...` after a declarator's name: arrays of t, the first dimension outermost.
Type* Compiler::array_suffix(Type* t) {
    uint32_t dims[4];
    int ndims = 0;
    while (tok.kind == T_LBRACKET && !failed()) {
        Token at = tok;
        advance();
        uint32_t n = 0;
        if (tok.kind == T_RBRACKET) {
            if (ndims != 0) {
                diag.error(at.line, at.col, "only the first array dimension may be omitted");
                return t;
            }
        } else {
            int32_t v = const_expr("array size");
            if (v <= 0 && !failed()) {
                diag.error(at.line, at.col, "array size must be positive");
                return t;
            }
            n = uint32_t(v);
        }
        if (!expect(T_RBRACKET, "']'")) return t;
        if (ndims == 4) {
            diag.error(at.line, at.col, "too many array dimensions");
            return t;
        }
        dims[ndims++] = n;
    }
    if (ndims && (t->kind == TY_VOID || !t->complete)) {
        error_here("array of incomplete type");
        return t;
    }
    for (int i = ndims - 1; i >= 0; i--) t = array_of(t, dims[i]);
    return t;
}

// `T (*name)[N]`, `T (**name)[N]`, `T (*name[K])[N]`: pointers to arrays (and arrays of
// them). Called at the '(' before a '*'; function pointers are refused here.
Type* Compiler::parenthesized_declarator(Type* t, Token* name) {
    Token open = tok;
    advance();  // '('
    int stars = 0;
    while (tok.kind == T_STAR && !failed()) {
        advance();
        stars++;
        while (tok.kind == T_CONST || tok.kind == T_VOLATILE) advance();
    }
    Token inner_at = tok;
    if (tok.kind == T_IDENT) {
        *name = tok;
        advance();
    }
    // Array dimensions inside the parentheses apply last: (*rows[3])[4] is an array of 3.
    uint32_t inner_dims[4];
    int n_inner = 0;
    while (tok.kind == T_LBRACKET && !failed()) {
        Token at = tok;
        advance();
        bool omitted = tok.kind == T_RBRACKET && n_inner == 0;  // (*rows[])[4] = {...}
        int32_t v = omitted ? 0 : const_expr("array size");
        if (v <= 0 && !omitted && !failed()) {
            diag.error(at.line, at.col, "array size must be positive");
            return t;
        }
        if (!expect(T_RBRACKET, "']'")) return t;
        if (n_inner == 4) {
            diag.error(at.line, at.col, "too many array dimensions");
            return t;
        }
        inner_dims[n_inner++] = uint32_t(v);
    }
    if (tok.kind == T_LPAREN) {
        diag.error(inner_at.line, inner_at.col,
                   "nested declarators other than (*name)[N] are not supported");
        return t;
    }
    if (!expect(T_RPAREN, "')'")) return t;
    if (tok.kind == T_LPAREN) {
        diag.error(open.line, open.col, "function pointers are not supported");
        return t;
    }
    if (tok.kind != T_LBRACKET) {
        error_here(
            "expected '[' after a parenthesized declarator (only pointers to arrays are "
            "supported)");
        return t;
    }
    Token at = tok;
    t = array_suffix(t);
    if (failed()) return t;
    if (!t->complete) {
        diag.error(at.line, at.col, "a pointer to an array needs the array's size");
        return t;
    }
    for (int i = 0; i < stars; i++) t = pointer_to(t);
    for (int i = n_inner - 1; i >= 0; i--) t = array_of(t, inner_dims[i]);
    return t;
}

Type* Compiler::parse_struct() {
    advance();  // 'struct'
    Token tag{};
    Type* t = nullptr;
    if (tok.kind == T_IDENT) {
        tag = tok;
        t = find_tag(tag.p, tag.len);
        advance();
    }
    if (tok.kind != T_LBRACE) {
        if (!tag.p) {
            error_here("expected '{' or a struct tag");
            return t_int;
        }
        if (!t) {
            t = new_type(TY_STRUCT, 0, 1);
            t->complete = false;
            add_tag(tag, t);
        }
        return t;
    }
    if (t && t->complete) {
        diag.error(tag.line, tag.col, "redefinition of struct '%.*s'", int(tag.len), tag.p);
        return t;
    }
    if (!t) {
        t = new_type(TY_STRUCT, 0, 1);
        if (tag.p) add_tag(tag, t);
    }
    t->complete = false;
    advance();  // '{'
    uint32_t offset = 0, align = 1;
    Member* tail = nullptr;
    while (tok.kind != T_RBRACE && !failed()) {
        DeclSpec ms;
        if (!parse_specifiers(&ms)) {
            if (!failed()) error_here("expected a member declaration");
            return t;
        }
        for (;;) {
            Token mn;
            Type* mt = parse_declarator(ms.type, &mn, false);
            if (failed()) return t;
            if (mn.kind != T_IDENT) {
                error_here("expected a member name");
                return t;
            }
            if (!mt->complete || mt->kind == TY_VOID || mt->kind == TY_FUNC) {
                diag.error(mn.line, mn.col, "member '%.*s' has an incomplete type", int(mn.len),
                           mn.p);
                return t;
            }
            if (find_member(t, mn.p, mn.len)) {
                diag.error(mn.line, mn.col, "duplicate member '%.*s'", int(mn.len), mn.p);
                return t;
            }
            Member* m = static_cast<Member*>(arena->alloc(sizeof(Member)));
            if (!m) {
                error_here("out of compiler memory (struct)");
                return t;
            }
            offset = (offset + mt->align - 1) & ~(mt->align - 1);
            m->name = mn.p;
            m->len = mn.len;
            m->type = mt;
            m->offset = offset;
            offset += mt->size;
            if (mt->align > align) align = mt->align;
            if (tail)
                tail->next = m;
            else
                t->members = m;
            tail = m;
            if (tok.kind != T_COMMA) break;
            advance();
        }
        if (!expect(T_SEMI, "';'")) return t;
    }
    if (!t->members && !failed()) error_here("empty structs are not supported");
    expect(T_RBRACE, "'}'");
    t->size = (offset + align - 1) & ~(align - 1);
    t->align = uint8_t(align);
    t->complete = true;
    return t;
}

Type* Compiler::parse_enum() {
    advance();                           // 'enum'
    if (tok.kind == T_IDENT) advance();  // tags are accepted and mean int
    if (tok.kind != T_LBRACE) return t_int;
    advance();
    int32_t value = 0;
    while (tok.kind != T_RBRACE && !failed()) {
        if (tok.kind != T_IDENT) {
            error_here("expected an enumerator name");
            return t_int;
        }
        Token name = tok;
        advance();
        if (accept(T_ASSIGN)) value = const_expr("enumerator value");
        add_sym(name.p, name.len, S_ENUM, t_int, value);
        value = int32_t(uint32_t(value) + 1);
        if (!accept(T_COMMA)) break;
    }
    expect(T_RBRACE, "'}'");
    return t_int;
}

Type* Compiler::parse_type_name() {
    DeclSpec ds;
    if (!parse_specifiers(&ds)) {
        if (!failed()) error_here("expected a type name");
        return t_int;
    }
    Token name;
    Type* t = parse_declarator(ds.type, &name, false);
    if (name.kind == T_IDENT) diag.error(name.line, name.col, "unexpected name in a type name");
    return t;
}

// ---- initialisers
//
// One walker serves globals (values go into the data image) and locals (code stores them),
// with C's rules: a sub-aggregate written without braces takes as many initialisers from
// the enclosing list as it needs (brace elision: `int a[2][2] = {1, 2, 3, 4}`), a string
// literal initialises a char array with or without braces, and braces around a scalar are
// allowed. What is not initialised is zero.

namespace {

bool is_aggregate(const Type* t) {
    return t->kind == TY_ARRAY || t->kind == TY_STRUCT;
}

bool is_char_array(const Type* t) {
    return t->kind == TY_ARRAY && t->base->size == 1 && Compiler::is_integer(t->base);
}

// Items of a brace list, read from the source text ahead of the lexer: a braced group, a
// run of string literals, or anything else, each up to its top-level comma.
enum class Item : uint8_t { End, Braced, String, Other };

class ItemScanner {
  public:
    ItemScanner(const char* p, const char* end) : p_(p), end_(end) {}

    Item peek() {
        if (!peeked_) classify();
        return item_;
    }
    const char* item_start() {
        peek();
        return item_start_;
    }
    void next() {
        peek();
        p_ = item_end_;
        peeked_ = false;
    }

  private:
    void skip_space(const char** q) const {
        const char* p = *q;
        while (p < end_) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                p++;
            } else if (*p == '/' && p + 1 < end_ && p[1] == '/') {
                while (p < end_ && *p != '\n') p++;
            } else if (*p == '/' && p + 1 < end_ && p[1] == '*') {
                p += 2;
                while (p + 1 < end_ && !(p[0] == '*' && p[1] == '/')) p++;
                p += 2;
            } else {
                break;
            }
        }
        *q = p > end_ ? end_ : p;
    }
    void skip_literal(const char** q) const {
        const char* p = *q;
        char quote = *p++;
        while (p < end_ && *p != quote && *p != '\n') {
            if (*p == '\\') p++;
            p++;
        }
        *q = p + 1 > end_ ? end_ : p + 1;
    }
    // Past a balanced (...), [...] or {...} group.
    void skip_group(const char** q) const {
        const char* p = *q;
        int depth = 0;
        while (p < end_) {
            skip_space(&p);
            if (p >= end_) break;
            char ch = *p;
            if (ch == '"' || ch == '\'') {
                skip_literal(&p);
                continue;
            }
            p++;
            if (ch == '{' || ch == '(' || ch == '[') depth++;
            if ((ch == '}' || ch == ')' || ch == ']') && --depth == 0) break;
        }
        *q = p;
    }
    void classify() {
        peeked_ = true;
        const char* p = p_;
        skip_space(&p);
        item_start_ = p;
        if (p >= end_ || *p == '}' || *p == ')' || *p == ']') {
            item_ = Item::End;
            item_end_ = p;
            return;
        }
        bool braced = *p == '{', strings = *p == '"';
        for (bool first = true;; first = false) {
            skip_space(&p);
            if (p >= end_) break;
            char ch = *p;
            if (ch == ',') {
                p++;
                break;
            }
            if (ch == '}' || ch == ')' || ch == ']') break;  // the end of the list
            if (!first) braced = false;
            if (ch == '"') {
                skip_literal(&p);
                continue;
            }
            strings = false;
            if (ch == '\'')
                skip_literal(&p);
            else if (ch == '{' || ch == '(' || ch == '[')
                skip_group(&p);
            else
                p++;
        }
        item_ = braced ? Item::Braced : strings ? Item::String : Item::Other;
        item_end_ = p;
    }

    const char* p_;
    const char* end_;
    const char* item_start_ = nullptr;
    const char* item_end_ = nullptr;
    Item item_ = Item::End;
    bool peeked_ = false;
};

// Bytes in a run of adjacent string literals starting at p, without the terminator.
uint32_t string_run_length(const char* p, const char* end) {
    uint32_t n = 0;
    while (p < end && *p == '"') {
        p++;
        while (p < end && *p != '"' && *p != '\n') {
            if (*p == '\\') {
                p++;
                decode_escape(&p, end);
            } else {
                p++;
            }
            n++;
        }
        p++;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    }
    return n;
}

// Consumes the items that initialise one object of type t, as the walker below will.
void consume_items(ItemScanner& s, const Type* t) {
    Item it = s.peek();
    if (it == Item::End) return;
    if (it == Item::Braced || !is_aggregate(t) || (is_char_array(t) && it == Item::String)) {
        s.next();
    } else if (t->kind == TY_ARRAY) {
        for (uint32_t i = 0; i < t->count && s.peek() != Item::End; i++) consume_items(s, t->base);
    } else {
        for (const Member* m = t->members; m && s.peek() != Item::End; m = m->next)
            consume_items(s, m->type);
    }
}

}  // namespace

// Counts the elements of the brace list the lexer is inside (just after '{'), by scanning
// the source text: used to size `T x[] = {...}` globals before allocating them (string
// literals in the list are allocated while it is parsed, after the array).
uint32_t Compiler::count_initializer(Type* t) {
    if (lx.nframes_ != 1 || lx.has_peek_) {
        error_here("array size cannot be deduced here; give the size explicitly");
        return 0;
    }
    ItemScanner s(lx.frames_[0].p, lx.frames_[0].end);
    if (is_char_array(t) && s.peek() == Item::String) {  // `char s[] = {"text"}`
        const char* str = s.item_start();
        s.next();
        if (s.peek() == Item::End) return string_run_length(str, lx.frames_[0].end) + 1;
        s = ItemScanner(lx.frames_[0].p, lx.frames_[0].end);
    }
    uint32_t count = 0;
    while (s.peek() != Item::End) {
        consume_items(s, t->base);
        count++;
    }
    return count;
}

static bool scalar_ok(Compiler* c, Type* t, Val& v, Token at) {
    Type* vt = v.t->kind == TY_ARRAY ? c->pointer_to(v.t->base) : v.t;
    if (vt->kind == TY_STRUCT || vt->kind == TY_VOID || v.k == V_FUNC || v.k == V_BUILTIN) {
        c->diag.error(at.line, at.col, "incompatible initializer");
        return false;
    }
    if (Compiler::is_pointer(t) && Compiler::is_integer(vt) && !(v.k == V_CONST && v.v == 0)) {
        c->diag.error(at.line, at.col, "initializing a pointer with an integer needs a cast");
        return false;
    }
    if (Compiler::is_integer(t) && Compiler::is_pointer(vt)) {
        c->diag.error(at.line, at.col, "initializing an integer with a pointer needs a cast");
        return false;
    }
    return true;
}

namespace {

// Where the object being initialised lives: `at` is a global address or a frame offset.
struct InitTarget {
    Compiler* c;
    bool global;
};

void init_scalar(const InitTarget& d, Type* t, uint32_t at, bool whole_slot) {
    Compiler* c = d.c;
    Token vat = c->tok;
    if (d.global) {
        uint32_t p0 = c->ncode;
        Val v = c->assign_expr();
        if (c->failed() || !scalar_ok(c, t, v, vat)) return;
        int32_t value;
        if (v.k == V_CONST || v.k == V_ADDR || (v.k == V_GLOBAL && v.t->kind == TY_ARRAY)) {
            value = v.v;
        } else {
            c->diag.error(vat.line, vat.col, "initializer element is not a compile-time constant");
            return;
        }
        if (c->ncode != p0) {
            c->diag.error(vat.line, vat.col, "initializer element is not a compile-time constant");
            return;
        }
        if (v.k == V_CONST) {
            Val cv = v;
            c->convert(cv, t);
            value = cv.v;
        }
        c->data_write(at, uint32_t(value), t->size);
        return;
    }
    if (t->size == 4 || whole_slot) {  // a 4-byte element or a whole variable owns its slot
        Val v = c->assign_expr();
        if (!scalar_ok(c, t, v, vat)) return;
        c->load(v);
        c->convert(v, t);
        c->emit(OP_STL, int32_t(at));
        return;
    }
    c->emit(OP_LEAL, int32_t(at));
    c->emit(OP_PUSH);
    Val v = c->assign_expr();
    if (!scalar_ok(c, t, v, vat)) return;
    c->load(v);
    c->convert(v, t);
    Val dst{};
    dst.k = V_MEM;
    dst.t = t;
    c->store(dst, t);
}

// A char array from a string literal; an unsized array takes the literal's length.
void init_string(const InitTarget& d, Type* t, uint32_t at, bool zeroed) {
    Compiler* c = d.c;
    Token st = c->tok;
    uint32_t len;
    uint32_t top = c->global_top;
    uint32_t src = c->string_literal(st, &len);
    c->advance();
    if (!t->count) {
        t->count = t->size = len + 1;
        t->complete = true;
    }
    if (len > t->count) {
        c->diag.error(st.line, st.col, "string is longer than the array");
        return;
    }
    uint32_t n = len + 1 > t->count ? t->count : len + 1;
    if (d.global) {
        for (uint32_t i = 0; i < n && !c->failed(); i++)
            c->data_write(at + i, c->out[c->out_cap - 1 - (src + i)], 1);
        c->global_top = top;  // the literal's own copy is not needed
        return;
    }
    if (!zeroed && n < t->count) {
        c->emit(OP_LEAL, int32_t(at));
        c->emit(OP_MEMZERO, int32_t(t->size));
    }
    c->emit(OP_LEAL, int32_t(at));
    c->emit(OP_PUSH);
    c->emit(OP_LI, int32_t(src));
    c->emit(OP_MEMCPY, int32_t(n));
}

// A local struct from another struct of its type.
void init_struct_copy(const InitTarget& d, Type* t, uint32_t at, Token where) {
    Compiler* c = d.c;
    c->emit(OP_LEAL, int32_t(at));
    c->emit(OP_PUSH);
    Val v = c->assign_expr();
    if (v.t != t || (v.k != V_LOCAL && v.k != V_GLOBAL && v.k != V_MEM)) {
        c->diag.error(where.line, where.col, "incompatible struct initializer");
        return;
    }
    c->load_address(v);
    c->emit(OP_MEMCPY, int32_t(t->size));
}

// Inside a list, does the next initialiser name a variable of struct type t (which then
// initialises the member whole, rather than its first scalar)?
bool names_struct_value(Compiler* c, Type* t) {
    if (c->tok.kind != T_IDENT) return false;
    Sym* s = c->lookup(c->tok.p, c->tok.len);
    if (!s || (s->kind != S_LOCAL && s->kind != S_GLOBAL) || s->type != t) return false;
    Tok after = c->lx.peek().kind;
    return after == T_COMMA || after == T_RBRACE;
}

void init_object(const InitTarget& d, Type* t, uint32_t at, bool in_list, bool zeroed);

// Initialises the sub-objects of aggregate t in order from the list being read, stopping
// at its '}' or when t is full. Returns how many elements (or members) were initialised.
uint32_t init_list(const InitTarget& d, Type* t, uint32_t at) {
    Compiler* c = d.c;
    uint32_t n = 0;
    Member* m = t->kind == TY_STRUCT ? t->members : nullptr;
    while (!c->failed()) {
        bool full = t->kind == TY_ARRAY ? t->count && n >= t->count : !m;
        if (full) break;  // a comma after the last sub-object belongs to the enclosing list
        if (n > 0) {
            if (c->tok.kind != T_COMMA || c->lx.peek().kind == T_RBRACE) break;
            c->advance();
        }
        if (c->tok.kind == T_RBRACE) break;
        Type* sub;
        uint32_t sub_at;
        if (t->kind == TY_ARRAY) {
            sub = t->base;
            sub_at = at + n * sub->size;
            if (!t->count && !d.global && sub_at + sub->size > 0x7fff) {
                c->error_here("local array too large");
                break;
            }
        } else {
            sub = m->type;
            sub_at = at + m->offset;
            m = m->next;
        }
        init_object(d, sub, sub_at, true, true);
        n++;
    }
    return n;
}

// Initialises one object from the initialiser at the current token. `in_list`: it is an
// element or member, so it may take its initialisers from the enclosing list.
void init_object(const InitTarget& d, Type* t, uint32_t at, bool in_list, bool zeroed) {
    Compiler* c = d.c;
    if (c->failed()) return;
    if (!c->enter_level(150, "initializer")) {
        c->nesting--;
        return;
    }
    Token start = c->tok;
    if (is_char_array(t) && c->tok.kind == T_STR) {
        init_string(d, t, at, zeroed);
    } else if (c->tok.kind == T_LBRACE) {
        c->advance();
        uint32_t zero_at = 0;
        bool zero_here = !d.global && !zeroed && is_aggregate(t);
        if (zero_here) {  // a local aggregate: zero it, then store what is given
            c->emit(OP_LEAL, int32_t(at));
            zero_at = c->emit(OP_MEMZERO, int32_t(t->size));
        }
        if (is_char_array(t) && c->tok.kind == T_STR) {
            init_string(d, t, at, true);
        } else if (!is_aggregate(t)) {
            if (c->tok.kind == T_RBRACE)
                c->error_here("empty scalar initializer");
            else
                init_object(d, t, at, false, zeroed);
        } else {
            uint32_t n = init_list(d, t, at);
            if (t->kind == TY_ARRAY && !t->count && !c->failed()) {  // `T a[] = {...}`
                t->count = n;
                t->size = n * t->base->size;
                t->complete = true;
            }
        }
        if (zero_here && !c->failed()) c->code[zero_at].imm = int32_t(t->size);
        c->accept(T_COMMA);
        if (c->tok.kind != T_RBRACE && !c->failed())
            c->error_here(t->kind == TY_ARRAY    ? "too many initializers for the array"
                          : t->kind == TY_STRUCT ? "too many initializers for the struct"
                                                 : "too many initializers for a scalar");
        c->expect(T_RBRACE, "'}'");
    } else if (!is_aggregate(t)) {
        init_scalar(d, t, at, !zeroed);
    } else if (t->kind == TY_STRUCT && !d.global && (!in_list || names_struct_value(c, t))) {
        init_struct_copy(d, t, at, start);
    } else if (!in_list) {
        c->error_here(t->kind == TY_ARRAY ? "expected '{' (array initializer)"
                                          : "expected '{' (struct initializer)");
    } else if (t->kind == TY_ARRAY && !t->count) {
        c->error_here("expected '{' (array initializer)");
    } else {
        init_list(d, t, at);  // brace elision
    }
    c->nesting--;
}

}  // namespace

void Compiler::init_global(Type* t, uint32_t addr, Token) {
    init_object(InitTarget{this, true}, t, addr, false, true);
}

void Compiler::init_local(Type* t, uint32_t off, Token) {
    init_object(InitTarget{this, false}, t, off, false, false);
}

// ---- declarations

void Compiler::local_declaration() {
    DeclSpec ds;
    parse_specifiers(&ds);
    if (accept(T_SEMI)) return;
    for (;;) {
        Token name;
        Type* t = parse_declarator(ds.type, &name, true);
        if (failed()) return;
        if (name.kind != T_IDENT) {
            error_here("expected a variable name");
            return;
        }
        if (lookup_scope(name.p, name.len)) {
            diag.error(name.line, name.col, "redefinition of '%.*s'", int(name.len), name.p);
            return;
        }
        if (ds.is_typedef) {
            Sym* s = add_sym(name.p, name.len, S_TYPEDEF, t, 0);
            s->is_const = ds.is_const;
        } else if (t->kind == TY_FUNC) {
            diag.error(name.line, name.col, "declare functions at file scope");
            return;
        } else if (t->kind == TY_VOID || (t->kind == TY_STRUCT && !t->complete)) {
            diag.error(name.line, name.col, "variable '%.*s' has an incomplete type", int(name.len),
                       name.p);
            return;
        } else if (ds.is_static || ds.is_extern) {
            if (ds.is_extern) {
                diag.error(name.line, name.col,
                           "extern declarations inside functions are not supported");
                return;
            }
            if (t->kind == TY_ARRAY && !t->count) {
                diag.error(name.line, name.col, "static arrays need an explicit size");
                return;
            }
            uint32_t addr = alloc_global(t);
            Sym* s = add_sym(name.p, name.len, S_GLOBAL, t, int32_t(addr));
            s->is_const = ds.is_const && !is_pointer(t);
            if (accept(T_ASSIGN)) init_global(t, addr, name);
        } else {
            bool has_init = tok.kind == T_ASSIGN;
            if (t->kind == TY_ARRAY && !t->count) {
                if (!has_init) {
                    diag.error(name.line, name.col, "array '%.*s' needs a size", int(name.len),
                               name.p);
                    return;
                }
                advance();
                if (tok.kind == T_STR && t->base->size == 1) {
                    // Size from the string: decode it once (into globals) to learn the length.
                    uint32_t len;
                    uint32_t src = string_literal(tok, &len);
                    advance();
                    t->count = len + 1;
                    t->size = len + 1;
                    t->complete = true;
                    uint32_t off = alloc_local(t);
                    add_sym(name.p, name.len, S_LOCAL, t, int32_t(off));
                    emit(OP_LEAL, int32_t(off));
                    emit(OP_PUSH);
                    emit(OP_LI, int32_t(src));
                    emit(OP_MEMCPY, int32_t(len + 1));
                } else {
                    uint32_t off = (frame_off + 3) & ~3u;
                    Sym* s = add_sym(name.p, name.len, S_LOCAL, t, int32_t(off));
                    frame_off = off;
                    init_local(t, off, name);
                    alloc_local(t);
                    (void)s;
                }
            } else {
                uint32_t off = alloc_local(t);
                Sym* s = add_sym(name.p, name.len, S_LOCAL, t, int32_t(off));
                if (has_init) {
                    advance();
                    init_local(t, off, name);
                }
                s->is_const = ds.is_const && !is_pointer(t) && t->kind != TY_ARRAY;
            }
        }
        if (tok.kind != T_COMMA) break;
        advance();
    }
    expect(T_SEMI, "';'");
}

void Compiler::top_level() {
    while (tok.kind != T_EOF && !failed()) {
        if (accept(T_SEMI)) continue;
        DeclSpec ds;
        if (!parse_specifiers(&ds)) {
            if (!failed()) {
                if (tok.kind == T_IDENT && lx.peek().kind == T_LPAREN)
                    error_here("expected a return type (implicit int is not supported)");
                else
                    error_here("expected a declaration");
            }
            return;
        }
        if (accept(T_SEMI)) continue;
        bool was_definition = false;
        for (;;) {
            Token name;
            Type* t = parse_declarator(ds.type, &name, true);
            if (failed()) return;
            if (name.kind != T_IDENT) {
                error_here("expected an identifier");
                return;
            }
            Sym* prev = lookup(name.p, name.len);
            if (ds.is_typedef) {
                if (prev) {
                    diag.error(name.line, name.col, "redefinition of '%.*s'", int(name.len),
                               name.p);
                    return;
                }
                Sym* s = add_sym(name.p, name.len, S_TYPEDEF, t, 0);
                s->is_const = ds.is_const;
            } else if (t->kind == TY_FUNC) {
                Sym* f = prev;
                if (!f && builtin_named(name.p, name.len) >= 0) {
                    // A declaration of a built-in (e.g. from a copy of ccbpf.h) is harmless.
                    if (tok.kind == T_LBRACE) {
                        diag.error(name.line, name.col,
                                   "'%.*s' is a built-in and cannot be redefined", int(name.len),
                                   name.p);
                        return;
                    }
                } else if (f) {
                    if (f->kind != S_FUNC || f->type->nparams != t->nparams) {
                        diag.error(name.line, name.col, "conflicting declaration of '%.*s'",
                                   int(name.len), name.p);
                        return;
                    }
                } else {
                    f = add_sym(name.p, name.len, S_FUNC, t, int32_t(nfuncs++));
                    f->fn = static_cast<FuncData*>(arena->alloc(sizeof(FuncData)));
                    if (!f->fn) {
                        error_here("out of compiler memory (functions)");
                        return;
                    }
                    f->fn->line = uint16_t(name.line);
                    f->fn->col = uint16_t(name.col);
                    if (funcs_tail)
                        funcs_tail->fn->next = f;
                    else
                        funcs = f;
                    funcs_tail = f;
                }
                if (tok.kind == T_LBRACE) {
                    if (f->fn->defined) {
                        diag.error(name.line, name.col, "redefinition of function '%.*s'",
                                   int(name.len), name.p);
                        return;
                    }
                    f->type = t;  // parameter names come from this definition
                    function_body(f, name);
                    was_definition = true;
                    break;
                }
            } else {
                if (prev) {
                    diag.error(name.line, name.col, "redefinition of '%.*s'", int(name.len),
                               name.p);
                    return;
                }
                if (t->kind == TY_VOID || (t->kind == TY_STRUCT && !t->complete)) {
                    diag.error(name.line, name.col, "variable '%.*s' has an incomplete type",
                               int(name.len), name.p);
                    return;
                }
                uint32_t addr;
                if (t->kind == TY_ARRAY && !t->count) {
                    if (!accept(T_ASSIGN)) {
                        diag.error(name.line, name.col, "array '%.*s' needs a size", int(name.len),
                                   name.p);
                        return;
                    }
                    if (tok.kind == T_STR && t->base->size == 1) {
                        uint32_t len;
                        addr = string_literal(tok, &len);  // the literal's storage is the array
                        advance();
                        t->count = len + 1;
                        t->size = len + 1;
                    } else if (tok.kind == T_LBRACE) {
                        t->count = count_initializer(t);
                        t->size = t->count * t->base->size;
                        if (!t->count && !failed()) error_here("empty array initializer");
                        addr = alloc_global(t);
                        init_global(t, addr, name);
                    } else {
                        error_here("expected '{' (array initializer)");
                        return;
                    }
                    t->complete = true;
                    Sym* s = add_sym(name.p, name.len, S_GLOBAL, t, int32_t(addr));
                    s->is_const = false;
                } else {
                    addr = alloc_global(t);
                    Sym* s = add_sym(name.p, name.len, S_GLOBAL, t, int32_t(addr));
                    if (accept(T_ASSIGN)) init_global(t, addr, name);
                    s->is_const = ds.is_const && !is_pointer(t) && t->kind != TY_ARRAY;
                }
            }
            if (tok.kind != T_COMMA) break;
            advance();
        }
        if (failed()) return;
        if (!was_definition) expect(T_SEMI, "';'");
    }
}

void Compiler::function_body(Sym* f, Token name) {
    cur_func = f;
    size_t top = arena->top_mark();
    locals = nullptr;
    Type* ft = f->type;
    frame_off = 4u * ft->nparams;
    frame_max = frame_off;
    for (int i = 0; i < ft->nparams; i++) {
        if (param_names[i].kind != T_IDENT) {
            diag.error(param_names[i].line, param_names[i].col, "parameter %d needs a name", i + 1);
            return;
        }
        add_sym(param_names[i].p, param_names[i].len, S_LOCAL, ft->params[i], 4 * i);
    }
    f->fn->defined = true;
    f->fn->entry = here();
    depth = max_depth = 0;
    loop = nullptr;
    cur_switch = nullptr;
    mark_line(name.line);
    block();
    bool falls_off = ncode == f->fn->entry || barrier == ncode ||
                     (code[ncode - 1].op != OP_RET && code[ncode - 1].op != OP_JMP);
    if (falls_off) {
        emit(OP_LI, 0);
        emit(OP_RET, ft->nparams);
    }
    thread_jumps(f->fn->entry);
    fuse_loop_steps(f->fn->entry);
    f->fn->end = ncode;
    f->fn->frame_size = (frame_max + 3) & ~3u;
    f->fn->max_stack = uint16_t(max_depth);
    if (depth != 0 && !failed())
        error_here("internal error: stack depth %d at end of function", depth);
    cur_func = nullptr;
    locals = nullptr;
    arena->top_release(top);
}

}  // namespace tern::ccbpf
