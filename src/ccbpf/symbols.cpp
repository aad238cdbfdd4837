// Scopes, storage allocation (frame slots and global addresses) and the global data image.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

Sym* Compiler::lookup(const char* name, uint32_t len) {
    for (Sym* s = locals; s; s = s->next)
        if (s->len == len && memcmp(s->name, name, len) == 0) return s;
    for (Sym* s = globals; s; s = s->next)
        if (s->len == len && memcmp(s->name, name, len) == 0) return s;
    return nullptr;
}

Sym* Compiler::add_sym(const char* name, uint32_t len, SymKind kind, Type* t, int32_t value) {
    // Locals die with their block (top of the arena); everything else lives to the end.
    bool local = cur_func != nullptr && kind != S_FUNC;
    Sym* s = static_cast<Sym*>(local ? arena->alloc_top(sizeof(Sym)) : arena->alloc(sizeof(Sym)));
    if (!s) {
        error_here("out of compiler memory (symbols)");
        // A harmless stand-in so that callers need no checks; compilation has failed.
        static FuncData dummy_fn;
        static Sym dummy;
        dummy = Sym{};
        dummy_fn = FuncData{};
        dummy.type = t_int;
        dummy.fn = &dummy_fn;
        return &dummy;
    }
    s->name = name;
    s->len = uint16_t(len > 0xffff ? 0xffff : len);
    s->kind = kind;
    s->type = t;
    s->value = value;
    if (local) {
        s->next = locals;
        locals = s;
    } else {
        s->next = globals;
        globals = s;
    }
    return s;
}

// Built-in typedef names (int8_t ...) cost no symbols: they are looked up in a table.
Type* Compiler::typedef_named(const Token& t) {
    if (t.kind != T_IDENT) return nullptr;
    Sym* s = lookup(t.p, t.len);
    if (s) return s->kind == S_TYPEDEF ? s->type : nullptr;
    struct Named {
        const char* name;
        Type* Compiler::*type;
    };
    static const Named kNames[] = {
        {"int8_t", &Compiler::t_char},   {"uint8_t", &Compiler::t_uchar},
        {"int16_t", &Compiler::t_short}, {"uint16_t", &Compiler::t_ushort},
        {"int32_t", &Compiler::t_int},   {"uint32_t", &Compiler::t_uint},
        {"size_t", &Compiler::t_uint}};
    for (const Named& n : kNames)
        if (strlen(n.name) == t.len && memcmp(n.name, t.p, t.len) == 0) return this->*n.type;
    return nullptr;
}

int builtin_named(const char* name, uint32_t len) {
    for (int i = 0; i < BI_COUNT; i++)
        if (strlen(kBuiltinInfo[i].name) == len && memcmp(kBuiltinInfo[i].name, name, len) == 0)
            return i;
    return -1;
}

uint32_t Compiler::alloc_local(Type* t) {
    uint32_t off = (frame_off + 3) & ~3u;
    uint32_t size = (t->size + 3) & ~3u;
    if (uint64_t(off) + size > 0x7fff) {
        error_here("local variables exceed the 32 KB frame limit");
        return 0;
    }
    frame_off = off + size;
    if (frame_off > frame_max) frame_max = frame_off;
    return off;
}

uint32_t Compiler::alloc_global(Type* t) {
    uint32_t align = t->align ? t->align : 1;
    uint32_t addr = (global_top + align - 1) & ~(align - 1);
    uint64_t end = uint64_t(addr) + t->size;
    // The data image grows down from the end of `out`; code grows up from the front.
    if (end + kImageHeaderSize + (uint64_t(ncode) + 1) * sizeof(Insn) > out_cap) {
        error_here("program too large for the output buffer (globals)");
        return kGlobalsStart;
    }
    for (uint32_t a = global_top; a < end; a++) out[out_cap - 1 - a] = 0;
    global_top = uint32_t(end);
    return addr;
}

void Compiler::data_write(uint32_t addr, uint32_t value, uint32_t size) {
    if (failed() || addr + size > global_top) return;
    for (uint32_t i = 0; i < size; i++) out[out_cap - 1 - (addr + i)] = uint8_t(value >> (8 * i));
    if (addr + size > data_end) data_end = addr + size;
}

// Decodes the string literal `first` and any adjacent ones into fresh global memory.
uint32_t Compiler::string_literal(Token first, uint32_t* len_out) {
    uint32_t start = global_top;
    uint32_t len = 0;
    Token t = first;
    for (;;) {
        const char* p = t.p + 1;
        const char* end = t.p + t.len - 1;
        while (p < end && !failed()) {
            int c;
            if (*p == '\\') {
                p++;
                c = decode_escape(&p, end);
                if (c < 0) {
                    diag.error(t.line, t.col, "bad escape sequence in string literal");
                    return start;
                }
            } else {
                c = static_cast<unsigned char>(*p++);
            }
            if (global_top < start + len + 1) alloc_global(t_uchar);
            data_write(start + len, uint32_t(c), 1);
            len++;
        }
        if (lx.peek().kind != T_STR) break;
        t = lx.next();
    }
    if (global_top < start + len + 1) alloc_global(t_uchar);
    data_write(start + len, 0, 1);
    *len_out = len;
    return start;
}

}  // namespace tern::ccbpf
