// The compiler driver: set-up (built-in functions and types), the token helpers, the
// whole-program checks, and the public compile() entry point.
#include "tern/ccbpf/compiler.hpp"

#include <stdarg.h>
#include <string.h>

#include "compiler_internal.hpp"
#include "text.hpp"

// Placement construction without <new> (bare-metal toolchains have no C++ library).
namespace tern::ccbpf {
struct InArena {};
}  // namespace tern::ccbpf
inline void* operator new(size_t, void* p, tern::ccbpf::InArena) noexcept {
    return p;
}

namespace tern::ccbpf {

Compiler::Compiler(const char* filename, const char* src, size_t len, Arena* a, uint8_t* o,
                   size_t cap, const CompileOptions& options)
    : lx(src, len, a, &diag), arena(a), out(o), out_cap(cap), opt(options) {
    diag.filename = filename;
    code = reinterpret_cast<Insn*>(out + kImageHeaderSize);
    // Room kept below the last guarded frame: the parser's deepest run of frames between
    // two guards (about 1.1 KB on Cortex-M3), error reporting included; frames grow with
    // the pointer size.
    constexpr uintptr_t kStackMargin = 1536 * (sizeof(void*) / 4);
    if (options.stack_bottom)
        stack_floor = reinterpret_cast<uintptr_t>(options.stack_bottom) + kStackMargin;
}

bool Compiler::out_of_stack() {
    if (stack_floor == 0 || reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) >= stack_floor)
        return false;
    if (!failed())
        error_here("out of compiler stack: the program nests too deeply for this device");
    return true;
}

bool Compiler::enter_level(int limit, const char* what) {
    if (++nesting > limit) {
        error_here("%s nested too deeply", what);
        return false;
    }
    return !out_of_stack();
}

void Compiler::advance() {
    tok = lx.next();
}

bool Compiler::accept(Tok k) {
    if (tok.kind != k) return false;
    advance();
    return true;
}

bool Compiler::expect(Tok k, const char* what) {
    if (tok.kind == k) {
        advance();
        return true;
    }
    if (tok.kind == T_EOF)
        error_here("expected %s at end of input", what);
    else
        error_here("expected %s before '%.*s'", what, int(tok.len > 20 ? 20 : tok.len), tok.p);
    return false;
}

void Compiler::error_here(const char* fmt, ...) {
    if (diag.failed) return;
    char msg[128];
    va_list ap;
    va_start(ap, fmt);
    text_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag.error(tok.line, tok.col, "%s", msg);
}

CompileResult Compiler::run() {
    CompileResult r{};
    t_void = new_type(TY_VOID, 0, 1);
    t_void->complete = false;
    t_bool = new_type(TY_BOOL, 1, 1);
    t_char = new_type(TY_I8, 1, 1);
    t_uchar = new_type(TY_U8, 1, 1);
    t_short = new_type(TY_I16, 2, 2);
    t_ushort = new_type(TY_U16, 2, 2);
    t_int = new_type(TY_I32, 4, 4);
    t_uint = new_type(TY_U32, 4, 4);
    t_charp = pointer_to(t_char);
    if (out_cap < kImageHeaderSize + 64) error_here("output buffer too small");
    advance();
    top_level();
    if (!failed()) {
        for (Sym* f = funcs; f; f = f->fn->next)
            if (f->fn->used && !f->fn->defined) {
                diag.error(f->fn->line, f->fn->col, "function '%.*s' is used but never defined",
                           int(f->len), f->name);
                break;
            }
    }
    if (!failed()) {
        Sym* m = lookup("main", 4);
        if (!m || m->kind != S_FUNC || !m->fn->defined)
            diag.error(tok.line, tok.col, "no 'main' function");
        else if (m->type->nparams != 0)
            diag.error(m->fn->line, m->fn->col, "main must be 'int main(void)' (no parameters)");
    }
    size_t size = 0;
    if (!failed()) write_image(&size);
    r.ok = !failed();
    r.image_size = r.ok ? size : 0;
    r.arena_peak = arena->peak();
    if (!r.ok) {
        r.line = diag.line;
        r.col = diag.col;
        memcpy(r.message, diag.message, sizeof r.message);
    }
    return r;
}

bool Compiler::write_image(size_t* size_out) {
    // Function table in code order; CALL operands are renumbered to match.
    uint32_t nf = 0;
    for (Sym* f = funcs; f; f = f->fn->next)
        if (f->fn->defined) nf++;
    uint32_t* order = static_cast<uint32_t*>(arena->alloc_top(sizeof(uint32_t) * (nfuncs + 1)));
    Sym** by_pos = static_cast<Sym**>(arena->alloc_top(sizeof(Sym*) * (nf + 1)));
    if (!order || !by_pos) {
        error_here("out of compiler memory (function table)");
        return false;
    }
    uint32_t k = 0;
    for (Sym* f = funcs; f; f = f->fn->next)
        if (f->fn->defined) by_pos[k++] = f;
    for (uint32_t i = 1; i < nf; i++)  // insertion sort by entry: few functions
        for (uint32_t j = i; j > 0 && by_pos[j - 1]->fn->entry > by_pos[j]->fn->entry; j--) {
            Sym* t = by_pos[j];
            by_pos[j] = by_pos[j - 1];
            by_pos[j - 1] = t;
        }
    for (uint32_t i = 0; i < nf; i++) order[by_pos[i]->value] = i;
    for (uint32_t pc = 0; pc < ncode; pc++)
        if (code[pc].op == OP_CALL) code[pc].imm = int32_t(order[code[pc].imm]);

    // A statement after a function's last instruction (`return 0; ;`) marked a line for an
    // instruction that never came: the verifier refuses entries past the code.
    drop_lines_from(ncode);
    uint32_t nlines = 0;
    for (LineBlock* b = lines; b; b = b->next) nlines += b->n;
    uint32_t names_size = 0;
    for (uint32_t i = 0; i < nf; i++) names_size += by_pos[i]->len + 1;
    uint32_t data_size = data_end;
    uint32_t data_padded = (data_size + 3) & ~3u;
    uint64_t total = kImageHeaderSize + uint64_t(ncode) * sizeof(Insn) +
                     uint64_t(nf) * kFuncEntrySize + data_padded +
                     uint64_t(nlines) * kLineEntrySize + names_size;
    if (total + global_top > out_cap) {
        error_here("program too large for the output buffer");
        return false;
    }
    uint32_t globals_end = (global_top + 7) & ~7u;
    uint64_t mem_size = uint64_t(globals_end) + opt.stack_size;
    if (mem_size > 0x01000000u) {
        error_here("program memory (globals + stack) exceeds 16 MB");
        return false;
    }
    // Instructions were written in host byte order; make them little-endian.
    for (uint32_t pc = 0; pc < ncode; pc++) {
        Insn in = code[pc];
        uint8_t* p = reinterpret_cast<uint8_t*>(&code[pc]);
        p[0] = in.op;
        p[1] = in.a;
        wr16(p + 2, uint16_t(in.b));
        wr32(p + 4, uint32_t(in.imm));
    }
    uint8_t* p = out + kImageHeaderSize + ncode * sizeof(Insn);
    uint32_t name_off = 0;
    for (uint32_t i = 0; i < nf; i++) {
        Sym* f = by_pos[i];
        wr32(p, f->fn->entry);
        wr32(p + 4, f->fn->end);
        wr32(p + 8, f->fn->frame_size);
        wr16(p + 12, uint16_t(f->fn->max_stack));
        p[14] = uint8_t(f->type->nparams);
        p[15] = 0;
        wr32(p + 16, name_off);
        name_off += f->len + 1;
        p += kFuncEntrySize;
    }
    for (uint32_t a = 0; a < data_padded; a++) p[a] = a < data_size ? out[out_cap - 1 - a] : 0;
    p += data_padded;
    for (LineBlock* b = lines; b; b = b->next)
        for (uint32_t i = 0; i < b->n; i++) {
            wr32(p, b->e[i].pc);
            wr32(p + 4, b->e[i].line);
            p += kLineEntrySize;
        }
    for (uint32_t i = 0; i < nf; i++) {
        memcpy(p, by_pos[i]->name, by_pos[i]->len);
        p[by_pos[i]->len] = 0;
        p += by_pos[i]->len + 1;
    }
    Sym* m = lookup("main", 4);
    uint8_t* h = out;
    memset(h, 0, kImageHeaderSize);
    wr32(h, kImageMagic);
    wr16(h + 4, kImageVersion);
    wr16(h + 6, kImageHeaderSize);
    wr32(h + 12, ncode);
    wr32(h + 16, nf);
    wr32(h + 20, data_size);
    wr32(h + 24, globals_end);
    wr32(h + 28, uint32_t(mem_size));
    wr32(h + 32, order[m->value]);
    wr32(h + 36, nlines);
    wr32(h + 40, names_size);
    wr64(h + 48, image_content_hash(out, size_t(total)));
    wr32(h + 56, image_crc(out, size_t(total)));
    *size_out = size_t(total);
    return true;
}

// compile()'s two outcomes are functions of their own so that the result (about 200 bytes)
// is built in the caller's slot, not in a temporary that would stay on the stack below the
// whole compilation.
static CompileResult refused(const char* filename, const char* why, const Arena& arena) {
    CompileResult r{};
    r.ok = false;
    text_format(r.message, sizeof r.message, "%s:1:1: error: %s", filename, why);
    r.line = r.col = 1;
    r.arena_peak = arena.peak();
    return r;
}

static CompileResult run_in(void* mem, const char* filename, const char* source, size_t source_len,
                            Arena* arena, uint8_t* out, size_t out_cap,
                            const CompileOptions& options) {
    Compiler* c =
        new (mem, InArena{}) Compiler(filename, source, source_len, arena, out, out_cap, options);
    CompileResult r = c->run();
    c->~Compiler();
    return r;
}

CompileResult compile(const char* filename, const char* source, size_t source_len, void* arena_buf,
                      size_t arena_size, uint8_t* out, size_t out_cap,
                      const CompileOptions& options) {
    Arena arena(arena_buf, arena_size);
    // The compiler object itself lives in the arena, so the reported peak is the whole cost.
    void* mem = arena.alloc(sizeof(Compiler));
    if (!mem) return refused(filename, "compiler arena too small", arena);
    if ((reinterpret_cast<uintptr_t>(out) & 3) != 0)
        return refused(filename, "output buffer must be 4-byte aligned", arena);
    return run_in(mem, filename, source, source_len, &arena, out, out_cap, options);
}

}  // namespace tern::ccbpf
