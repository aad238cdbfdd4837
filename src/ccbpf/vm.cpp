// The interpreter loop. Every instruction is 8 bytes; dispatch is computed-goto under
// GCC/Clang. Checks the verifier already proved (opcodes, jump targets, frame offsets,
// stack depth) are not repeated here; memory accesses through pointers always are.
#include "tern/ccbpf/vm.hpp"

#include <string.h>

#include "tern/ccbpf/verifier.hpp"
#include "text.hpp"
#include "vm_internal.hpp"

namespace tern::ccbpf {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the VM executes images in place and assumes a little-endian host");

bool Vm::load(const uint8_t* bytes, size_t size, uint8_t* memory, size_t memory_size, Host* host,
              char* why, size_t why_cap) {
    host_ = host;
    mem_ = memory;
    state_ = VmState{};
    state_.run_state = RunState::Trapped;
    if (!image_parse(bytes, size, &image_, why, why_cap)) return false;
    if (memory_size < image_.mem_size) {
        text_format(why, why_cap, "image needs %u bytes of memory, only %u given", image_.mem_size,
                    unsigned(memory_size));
        return false;
    }
    // The program's memory is free until it starts: use it as the verifier's scratch.
    if (!verify_image(image_, memory, memory_size, why, why_cap)) return false;
    mem_size_ = image_.mem_size;
    memset(mem_, 0, mem_size_);
    memcpy(mem_, image_.data, image_.data_size);
    FuncInfo m = image_.func(image_.entry_func);
    state_.pc = m.entry;
    state_.fp = image_.globals_end;
    state_.sp = state_.fp + m.frame_size;
    state_.depth = 1;
    state_.calls[0] = CallFrame{kNoReturn, 0};
    state_.run_state = RunState::Running;
    state_.rand_state = 1;
    state_.time_base = host_->now_ms();  // main's frame fits: the verifier checked
    return true;
}

uint32_t Vm::sleep_remaining_ms() {
    if (state_.run_state != RunState::Sleeping) return 0;
    int32_t left = int32_t(state_.sleep_until - host_->now_ms());
    return left > 0 ? uint32_t(left) : 0;
}

void Vm::set_trap(const char* what, uint32_t pc) {
    uint32_t f = image_.func_at(pc);
    text_format(trap_, sizeof trap_, "%s in %s() at line %u", what, image_.func_name(f),
                image_.line_at(pc));
    state_.run_state = RunState::Trapped;
    state_.exit_code = kTrapExitStatus;
    state_.pc = pc;
}

static inline uint32_t ld32(const uint8_t* p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline void st32(uint8_t* p, uint32_t v) {
    memcpy(p, &v, 4);
}
static inline uint16_t ld16(const uint8_t* p) {
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

Status Vm::run(uint32_t budget) {
    last_run_ = 0;
    switch (state_.run_state) {
        case RunState::Halted:
            return Status::Halted;
        case RunState::Trapped:
            return Status::Trapped;
        case RunState::Sleeping:
            if (sleep_remaining_ms() > 0) return Status::Sleeping;
            state_.run_state = RunState::Running;
            break;
        case RunState::Running:
            break;
    }
    const Insn* const code = image_.code;
    const uint8_t* const funcs = image_.funcs;
    uint8_t* const mem = mem_;
    const uint32_t msize = mem_size_;
    const Insn* ip = code + state_.pc;
    uint32_t fp = state_.fp;
    uint32_t sp = state_.sp;
    uint32_t acc = state_.acc;
    const char* trap_what = nullptr;
    Status status = Status::Slice;
    const uint32_t given = budget;  // what the slice may take: last_run_ is counted from it

#define SAVE()                           \
    do {                                 \
        state_.pc = uint32_t(ip - code); \
        state_.fp = fp;                  \
        state_.sp = sp;                  \
        state_.acc = acc;                \
    } while (0)
#define TRAP(what)          \
    do {                    \
        trap_what = (what); \
        goto trap;          \
    } while (0)
// An address range [a, a+n) is valid when it avoids the null guard and ends in memory.
#define CHECK(a, n)                                                 \
    do {                                                            \
        if ((a) < kNullGuard) TRAP("null pointer dereference");     \
        if ((a) > msize - (n)) TRAP("out-of-bounds memory access"); \
    } while (0)
#define LOCAL(off) (mem + fp + uint32_t(off))
#define POP() (sp -= 4, ld32(mem + sp))

#if defined(__GNUC__)
    static const void* const kLabels[OP_COUNT] = {
#define X(name, operand, pops, pushes) &&L_##name,
        CCBPF_OPCODES_BASE(X)
#define Y(OP) CCBPF_BINOP_FORMS(OP)
            CCBPF_BINOPS(Y)
#undef Y
#define Y(OP) CCBPF_JCMP_FORMS(OP)
                CCBPF_CMPS(Y)
#undef Y
                    CCBPF_OPCODES_TAIL(X)
#undef X
    };
#define CASE(name) L_##name:
#define DISPATCH()                                                  \
    do {                                                            \
        if (__builtin_expect(budget-- == 0, 0)) goto out_of_budget; \
        goto* kLabels[ip->op];                                      \
    } while (0)
    DISPATCH();
#else
#define CASE(name) case OP_##name:
#define DISPATCH() goto dispatch
dispatch:
    if (budget-- == 0) goto out_of_budget;
    switch (ip->op) {
#endif

    // One line per instruction reads best here.
    // clang-format off
    CASE(LI) acc = uint32_t(ip->imm); ip++; DISPATCH();
    CASE(LDL) acc = ld32(LOCAL(ip->imm)); ip++; DISPATCH();
    CASE(STL) st32(LOCAL(ip->imm), acc); ip++; DISPATCH();
    CASE(LEAL) acc = fp + uint32_t(ip->imm); ip++; DISPATCH();
    CASE(LDG) acc = ld32(mem + uint32_t(ip->imm)); ip++; DISPATCH();
    CASE(STG) st32(mem + uint32_t(ip->imm), acc); ip++; DISPATCH();
    CASE(PUSH) st32(mem + sp, acc); sp += 4; ip++; DISPATCH();
    CASE(PUSHL) st32(mem + sp, ld32(LOCAL(ip->imm))); sp += 4; ip++; DISPATCH();
    CASE(PUSHI) st32(mem + sp, uint32_t(ip->imm)); sp += 4; ip++; DISPATCH();
    CASE(POP) acc = POP(); ip++; DISPATCH();
    CASE(DROP) sp -= 4; ip++; DISPATCH();
    CASE(LD8S) CHECK(acc, 1); acc = uint32_t(int32_t(int8_t(mem[acc]))); ip++; DISPATCH();
    CASE(LD8U) CHECK(acc, 1); acc = mem[acc]; ip++; DISPATCH();
    CASE(LD16S) CHECK(acc, 2); acc = uint32_t(int32_t(int16_t(ld16(mem + acc)))); ip++; DISPATCH();
    CASE(LD16U) CHECK(acc, 2); acc = ld16(mem + acc); ip++; DISPATCH();
    CASE(LD32) CHECK(acc, 4); acc = ld32(mem + acc); ip++; DISPATCH();
    CASE(ST8) {
        uint32_t a = POP();
        CHECK(a, 1);
        mem[a] = uint8_t(acc);
        ip++;
        DISPATCH();
    }
    CASE(ST16) {
        uint32_t a = POP();
        CHECK(a, 2);
        uint16_t v = uint16_t(acc);
        memcpy(mem + a, &v, 2);
        ip++;
        DISPATCH();
    }
    CASE(ST32) {
        uint32_t a = POP();
        CHECK(a, 4);
        st32(mem + a, acc);
        ip++;
        DISPATCH();
    }
    CASE(SX8) acc = uint32_t(int32_t(int8_t(acc))); ip++; DISPATCH();
    CASE(ZX8) acc &= 0xffu; ip++; DISPATCH();
    CASE(SX16) acc = uint32_t(int32_t(int16_t(acc))); ip++; DISPATCH();
    CASE(ZX16) acc &= 0xffffu; ip++; DISPATCH();
    CASE(BOOL) acc = acc != 0; ip++; DISPATCH();
    CASE(NEG) acc = 0u - acc; ip++; DISPATCH();
    CASE(NOT) acc = ~acc; ip++; DISPATCH();
    CASE(LNOT) acc = acc == 0; ip++; DISPATCH();
    CASE(JMP) ip = code + ip->imm; DISPATCH();
    CASE(JZ) ip = acc == 0 ? code + ip->imm : ip + 1; DISPATCH();
    CASE(JNZ) ip = acc != 0 ? code + ip->imm : ip + 1; DISPATCH();
    CASE(CALL) {
        const uint8_t* f = funcs + uint32_t(ip->imm) * kFuncEntrySize;
        uint32_t nparams = f[14];
        uint32_t frame = ld32(f + 8);
        uint32_t new_fp = sp - 4 * nparams;
        if (state_.depth >= kMaxCallDepth) TRAP("call depth exceeded");
        if (uint64_t(new_fp) + frame + 4ull * ld16(f + 12) > msize) TRAP("stack overflow");
        state_.calls[state_.depth++] = CallFrame{uint32_t(ip + 1 - code), fp};
        fp = new_fp;
        sp = new_fp + frame;
        ip = code + ld32(f);
        DISPATCH();
    }
    CASE(RET) {
        if (state_.depth == 1) {
            state_.depth = 0;
            state_.run_state = RunState::Halted;
            state_.exit_code = int32_t(acc);
            sp = fp;
            status = Status::Halted;
            goto leave;
        }
        CallFrame c = state_.calls[--state_.depth];
        sp = fp;
        fp = c.fp;
        ip = code + c.ret_pc;
        DISPATCH();
    }
    CASE(CALLB) {
        SAVE();
        status = builtin(*this, ip->a, uint32_t(ip->imm));
        ip = code + state_.pc;
        fp = state_.fp;
        sp = state_.sp;
        acc = state_.acc;
        if (status != Status::Slice) {  // the builtin saved everything
            last_run_ = given - budget;
            return status;
        }
        DISPATCH();
    }
    CASE(INCL) st32(LOCAL(ip->imm), ld32(LOCAL(ip->imm)) + uint32_t(int32_t(ip->b))); ip++; DISPATCH();
    CASE(MEMCPY) {
        uint32_t n = uint32_t(ip->imm);
        uint32_t dst = POP();
        CHECK(dst, n);
        CHECK(acc, n);
        memmove(mem + dst, mem + acc, n);
        acc = dst;
        ip++;
        DISPATCH();
    }
    CASE(MEMZERO) {
        uint32_t n = uint32_t(ip->imm);
        CHECK(acc, n);
        memset(mem + acc, 0, n);
        ip++;
        DISPATCH();
    }
    CASE(IDX) {
        uint32_t base = POP();
        acc = base + (acc << ip->a);
        ip++;
        DISPATCH();
    }
    CASE(LDLX) acc = ld32(LOCAL(ip->imm)) + (acc << ip->a); ip++; DISPATCH();
    CASE(ADDSH) acc = uint32_t(ip->imm) + (acc << ip->a); ip++; DISPATCH();
    CASE(RSUBI) acc = uint32_t(ip->imm) - acc; ip++; DISPATCH();
#define LOADX(NAME, SIZE, EXPR)                                                \
    CASE(NAME##X) {                                                            \
        uint32_t a = uint32_t(ip->imm) + (acc << ip->a);                       \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##O) {                                                            \
        uint32_t a = acc + uint32_t(ip->imm);                                  \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##L) {                                                            \
        uint32_t a = ld32(LOCAL(ip->imm));                                     \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
#define LOADS(NAME, SIZE, EXPR)                                                \
    CASE(NAME##S) {                                                            \
        uint32_t base = POP();                                                 \
        uint32_t a = base + (acc << ip->a);                                    \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
    CASE(ADDSHL) acc = uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a); ip++; DISPATCH();
#define LOADLX(NAME, SIZE, EXPR)                                               \
    CASE(NAME##LX) {                                                           \
        uint32_t a = uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a);        \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
    CASE(IDXL) acc += uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a); ip++; DISPATCH();
#define LOADIL(NAME, SIZE, EXPR)                                               \
    CASE(NAME##IL) {                                                           \
        uint32_t a = acc + uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a);  \
        CHECK(a, SIZE);                                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
    LOADIL(LD8S, 1, uint32_t(int32_t(int8_t(mem[a]))))
    LOADIL(LD8U, 1, mem[a])
    LOADIL(LD32, 4, ld32(mem + a))
    CASE(MULLI) acc = ld32(LOCAL(ip->b)) * uint32_t(ip->imm); ip++; DISPATCH();
    CASE(RIDX) acc += POP() * uint32_t(ip->imm); ip++; DISPATCH();
    CASE(INCLL) acc = ld32(LOCAL(ip->imm)) + uint32_t(int32_t(ip->b)); st32(LOCAL(ip->imm), acc); ip++; DISPATCH();
    CASE(STEPLTS) acc = ld32(LOCAL(ip->b)) + 1u; st32(LOCAL(ip->b), acc); ip += int32_t(acc) < ip->imm ? int8_t(ip->a) : 1; DISPATCH();
    CASE(STEPLTU) acc = ld32(LOCAL(ip->b)) + 1u; st32(LOCAL(ip->b), acc); ip += acc < uint32_t(ip->imm) ? int8_t(ip->a) : 1; DISPATCH();
    CASE(PUSHLDL) st32(mem + sp, acc); sp += 4; acc = ld32(LOCAL(ip->imm)); ip++; DISPATCH();
    CASE(ADDSTL) acc += ld32(LOCAL(ip->imm)); st32(LOCAL(ip->imm), acc); ip++; DISPATCH();
    CASE(ST8LX) {
        uint32_t a = uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a);
        CHECK(a, 1);
        mem[a] = uint8_t(acc);
        ip++;
        DISPATCH();
    }
    CASE(ST16LX) {
        uint32_t a = uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a);
        CHECK(a, 2);
        uint16_t v = uint16_t(acc);
        memcpy(mem + a, &v, 2);
        ip++;
        DISPATCH();
    }
    CASE(ST32LX) {
        uint32_t a = uint32_t(ip->imm) + (ld32(LOCAL(ip->b)) << ip->a);
        CHECK(a, 4);
        st32(mem + a, acc);
        ip++;
        DISPATCH();
    }
#define STORELP(NAME, SIZE, STORE)                                             \
    CASE(NAME##LP) {                                                           \
        uint32_t a = ld32(LOCAL(ip->imm));                                     \
        CHECK(a, SIZE);                                                        \
        st32(LOCAL(ip->imm), a + uint32_t(int32_t(ip->b)));                    \
        STORE;                                                                 \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
    STORELP(ST8, 1, mem[a] = uint8_t(acc))
    STORELP(ST16, 2, uint16_t v = uint16_t(acc); memcpy(mem + a, &v, 2))
    STORELP(ST32, 4, st32(mem + a, acc))
    CASE(LDL8S) acc = uint32_t(int32_t(int8_t(*LOCAL(ip->imm)))); ip++; DISPATCH();
    CASE(LDL8U) acc = *LOCAL(ip->imm); ip++; DISPATCH();
    CASE(LDL16S) acc = uint32_t(int32_t(int16_t(ld16(LOCAL(ip->imm))))); ip++; DISPATCH();
    CASE(LDL16U) acc = ld16(LOCAL(ip->imm)); ip++; DISPATCH();
    LOADLX(LD8S, 1, uint32_t(int32_t(int8_t(mem[a]))))
    LOADLX(LD8U, 1, mem[a])
    LOADLX(LD32, 4, ld32(mem + a))
    LOADS(LD8S, 1, uint32_t(int32_t(int8_t(mem[a]))))
    LOADS(LD8U, 1, mem[a])
    LOADS(LD16S, 2, uint32_t(int32_t(int16_t(ld16(mem + a)))))
    LOADS(LD16U, 2, ld16(mem + a))
    LOADS(LD32, 4, ld32(mem + a))
    LOADX(LD8S, 1, uint32_t(int32_t(int8_t(mem[a]))))
    LOADX(LD8U, 1, mem[a])
    LOADX(LD16S, 2, uint32_t(int32_t(int16_t(ld16(mem + a)))))
    LOADX(LD16U, 2, ld16(mem + a))
    LOADX(LD32, 4, ld32(mem + a))

#define ARITH(NAME, EXPR)                                                      \
    CASE(NAME) {                                                               \
        uint32_t r = acc;                                                      \
        uint32_t l = POP();                                                    \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##I) {                                                            \
        uint32_t l = acc;                                                      \
        uint32_t r = uint32_t(ip->imm);                                        \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##L) {                                                            \
        uint32_t l = acc;                                                      \
        uint32_t r = ld32(LOCAL(ip->imm));                                     \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
#define DIVISION(NAME, EXPR)                                                   \
    CASE(NAME) {                                                               \
        uint32_t r = acc;                                                      \
        uint32_t l = POP();                                                    \
        if (r == 0) TRAP("division by zero");                                  \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##I) {                                                            \
        uint32_t l = acc;                                                      \
        uint32_t r = uint32_t(ip->imm);                                        \
        if (r == 0) TRAP("division by zero");                                  \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }                                                                          \
    CASE(NAME##L) {                                                            \
        uint32_t l = acc;                                                      \
        uint32_t r = ld32(LOCAL(ip->imm));                                     \
        if (r == 0) TRAP("division by zero");                                  \
        acc = (EXPR);                                                          \
        ip++;                                                                  \
        DISPATCH();                                                            \
    }
#define S(x) int32_t(x)
    ARITH(ADD, l + r)
    ARITH(SUB, l - r)
    ARITH(MUL, l * r)
    DIVISION(DIVS, (S(l) == INT32_MIN && S(r) == -1) ? l : uint32_t(S(l) / S(r)))
    DIVISION(DIVU, l / r)
    DIVISION(MODS, (S(l) == INT32_MIN && S(r) == -1) ? 0u : uint32_t(S(l) % S(r)))
    DIVISION(MODU, l % r)
    ARITH(AND, l & r)
    ARITH(OR, l | r)
    ARITH(XOR, l ^ r)
    ARITH(SHL, l << (r & 31))
    ARITH(SHRS, uint32_t(S(l) >> (r & 31)))
    ARITH(SHRU, l >> (r & 31))
    ARITH(EQ, l == r)
    ARITH(NE, l != r)
    ARITH(LTS, S(l) < S(r))
    ARITH(LTU, l < r)
    ARITH(LES, S(l) <= S(r))
    ARITH(LEU, l <= r)
    ARITH(GTS, S(l) > S(r))
    ARITH(GTU, l > r)
    ARITH(GES, S(l) >= S(r))
    ARITH(GEU, l >= r)

#define JCMP(NAME, EXPR)                                                   \
    CASE(J##NAME##L) {                                                     \
        uint32_t l = acc;                                                  \
        uint32_t r = ld32(LOCAL(ip->b));                                   \
        ip = (EXPR) ? code + ip->imm : ip + 1;                             \
        DISPATCH();                                                        \
    }                                                                      \
    CASE(J##NAME##I) {                                                     \
        uint32_t l = acc;                                                  \
        uint32_t r = uint32_t(jump_imm(*ip));                              \
        ip = (EXPR) ? code + ip->imm : ip + 1;                             \
        DISPATCH();                                                        \
    }                                                                      \
    CASE(J##NAME##S) {                                                     \
        uint32_t r = acc;                                                  \
        uint32_t l = POP();                                                \
        ip = (EXPR) ? code + ip->imm : ip + 1;                             \
        DISPATCH();                                                        \
    }
    JCMP(EQ, l == r)
    JCMP(NE, l != r)
    JCMP(LTS, S(l) < S(r))
    JCMP(LTU, l < r)
    JCMP(LES, S(l) <= S(r))
    JCMP(LEU, l <= r)
    JCMP(GTS, S(l) > S(r))
    JCMP(GTU, l > r)
    JCMP(GES, S(l) >= S(r))
    JCMP(GEU, l >= r)
#undef S

    // clang-format on
#if !defined(__GNUC__)
    default:
        TRAP("invalid opcode");
}
#endif

// `budget` counts down once per instruction begun, so what is left tells how many ran; an
// exhausted budget has wrapped past zero.
out_of_budget : status = Status::Slice;
last_run_ = given;
SAVE();
return status;
leave : last_run_ = given - budget;
SAVE();
return status;
trap : last_run_ = given - budget;
SAVE();
set_trap(trap_what, uint32_t(ip - code));
return Status::Trapped;
}

}  // namespace tern::ccbpf
