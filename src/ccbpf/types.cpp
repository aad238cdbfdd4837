// C types on a 32-bit target: construction, pointer/array derivation, struct lookup.
#include <string.h>

#include "compiler_internal.hpp"

namespace tern::ccbpf {

Type* Compiler::new_type(TypeKind k, uint32_t size, uint32_t align) {
    Type* t = static_cast<Type*>(arena->alloc(sizeof(Type)));
    if (!t) {
        error_here("out of compiler memory (types)");
        static Type dummy;  // keeps callers crash-free after the error
        dummy = Type{};
        dummy.kind = TY_I32;
        dummy.size = dummy.align = 4;
        dummy.complete = true;
        return &dummy;
    }
    t->kind = k;
    t->size = size;
    t->align = uint8_t(align);
    t->complete = true;
    return t;
}

Type* Compiler::pointer_to(Type* base) {
    if (base->ptr) return base->ptr;
    Type* p = new_type(TY_PTR, 4, 4);
    p->base = base;
    if (!failed()) base->ptr = p;
    return p;
}

Type* Compiler::array_of(Type* elem, uint32_t count) {
    uint64_t size = uint64_t(elem->size) * count;
    if (size > 0x00ffffffu) {
        error_here("array is too large");
        size = 0;
    }
    Type* a = new_type(TY_ARRAY, uint32_t(size), elem->align);
    a->base = elem;
    a->count = count;
    a->complete = count != 0;
    return a;
}

Type* Compiler::arith_type(Type* a, Type* b) {
    a = promote(a);
    b = promote(b);
    return (a->kind == TY_U32 || b->kind == TY_U32) ? t_uint : t_int;
}

Type* Compiler::find_tag(const char* name, uint32_t len) {
    for (Tag* t = tags; t; t = t->next)
        if (t->len == len && memcmp(t->name, name, len) == 0) return t->type;
    return nullptr;
}

void Compiler::add_tag(const Token& name, Type* t) {
    Tag* tag = static_cast<Tag*>(arena->alloc(sizeof(Tag)));
    if (!tag) {
        error_here("out of compiler memory (struct tags)");
        return;
    }
    *tag = Tag{name.p, name.len, t, tags};
    tags = tag;
}

Member* Compiler::find_member(Type* st, const char* name, uint32_t len) {
    for (Member* m = st->members; m; m = m->next)
        if (m->len == len && memcmp(m->name, name, len) == 0) return m;
    return nullptr;
}

}  // namespace tern::ccbpf
