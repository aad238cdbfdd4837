// The verifier. It is what lets the interpreter skip checks: after it accepts an image,
// every frame-slot access is inside the frame, every jump lands on an instruction of the
// same function, and the evaluation stack never underflows or exceeds max_stack.
#include "tern/ccbpf/verifier.hpp"

#include <string.h>

#include "text.hpp"

namespace tern::ccbpf {

namespace {

struct Ctx {
    const ImageView& img;
    char* why;
    size_t cap;
    bool fail(uint32_t pc, const char* msg) {
        text_format(why, cap, "verifier: %s at instruction %u", msg, pc);
        return false;
    }
    bool fail(const char* msg) {
        text_format(why, cap, "verifier: %s", msg);
        return false;
    }
};

bool check_operands(Ctx& c, const FuncInfo& f, uint32_t pc) {
    const Insn& in = c.img.code[pc];
    if (in.op >= OP_COUNT) return c.fail(pc, "invalid opcode");
    const OpInfo& info = kOpInfo[in.op];
    auto local_ok = [&](int64_t off) { return off >= 0 && off + 4 <= int64_t(f.frame_size); };
    auto target_ok = [&](int64_t t) { return t >= int64_t(f.entry) && t < int64_t(f.end); };
    bool uses_a = false, uses_b = false;
    switch (info.operand) {
        case Operand::None:
            if (in.imm != 0) return c.fail(pc, "unused operand is not zero");
            break;
        case Operand::Imm:
            break;
        case Operand::Local:
            if (!local_ok(in.imm)) return c.fail(pc, "frame offset outside the frame");
            if (in.op == OP_LDLX) {
                uses_a = true;
                if (in.a > 31) return c.fail(pc, "shift count out of range");
            }
            break;
        case Operand::LocalAddr:
            if (in.imm < 0 || uint32_t(in.imm) > f.frame_size)
                return c.fail(pc, "frame address outside the frame");
            break;
        case Operand::Global:
            if (in.imm < int32_t(kNullGuard) || int64_t(in.imm) + 4 > int64_t(c.img.globals_end))
                return c.fail(pc, "global address outside the globals");
            break;
        case Operand::Jump:
            if (!target_ok(in.imm)) return c.fail(pc, "jump target outside the function");
            break;
        case Operand::JumpLocal:
            uses_b = true;
            if (!target_ok(in.imm)) return c.fail(pc, "jump target outside the function");
            if (!local_ok(in.b)) return c.fail(pc, "frame offset outside the frame");
            break;
        case Operand::JumpImm:
            uses_a = uses_b = true;
            if (!target_ok(in.imm)) return c.fail(pc, "jump target outside the function");
            break;
        case Operand::Func:
            uses_a = true;
            if (in.imm < 0 || uint32_t(in.imm) >= c.img.func_count)
                return c.fail(pc, "call of an unknown function");
            if (in.a != c.img.func(uint32_t(in.imm)).nparams)
                return c.fail(pc, "call with the wrong argument count");
            break;
        case Operand::Builtin: {
            uses_a = true;
            if (in.a >= BI_COUNT) return c.fail(pc, "unknown built-in");
            int args = kBuiltinInfo[in.a].args;
            if (args >= 0 ? in.imm != args : (in.imm < 1 || in.imm > kMaxPrintfArgs))
                return c.fail(pc, "wrong argument count for a built-in");
            break;
        }
        case Operand::Ret:
            if (in.imm != f.nparams) return c.fail(pc, "return pops the wrong argument count");
            break;
        case Operand::IncLocal:
            uses_b = true;
            if (!local_ok(in.imm)) return c.fail(pc, "frame offset outside the frame");
            break;
        case Operand::Size:
            if (in.imm < 0 || uint32_t(in.imm) > c.img.mem_size)
                return c.fail(pc, "size out of range");
            break;
        case Operand::LocalShiftImm:
            uses_a = uses_b = true;
            if (!local_ok(in.b)) return c.fail(pc, "frame offset outside the frame");
            if (in.a > 31) return c.fail(pc, "shift count out of range");
            break;
        case Operand::ShiftImm:
            uses_a = true;
            if (in.a > 31) return c.fail(pc, "shift count out of range");
            break;
        case Operand::StepBranch:
            uses_a = uses_b = true;
            if (!local_ok(in.b)) return c.fail(pc, "frame offset outside the frame");
            if (!target_ok(step_target(in, pc))) return c.fail(pc, "jump target outside the function");
            break;
        case Operand::Shift:
            uses_a = true;
            if (in.a > 31) return c.fail(pc, "shift count out of range");
            if (in.imm != 0) return c.fail(pc, "unused operand is not zero");
            break;
    }
    if ((!uses_a && in.a != 0) || (!uses_b && in.b != 0))
        return c.fail(pc, "unused field is not zero");
    return true;
}

// Computes the evaluation-stack depth before every instruction of function `fi` into
// `depth` (-1 where unreachable). Returns false with a reason on any inconsistency.
bool stack_depths(Ctx& c, uint32_t fi, int16_t* depth) {
    FuncInfo f = c.img.func(fi);
    uint32_t n = f.end - f.entry;
    for (uint32_t i = 0; i < n; i++) depth[i] = -1;
    depth[0] = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t i = 0; i < n; i++) {
            if (depth[i] < 0) continue;
            uint32_t pc = f.entry + i;
            const Insn& in = c.img.code[pc];
            int pops = kOpInfo[in.op].pops;
            if (in.op == OP_CALL) pops += c.img.func(uint32_t(in.imm)).nparams;
            if (in.op == OP_CALLB) pops += in.imm;
            int d = depth[i] - pops;
            if (d < 0) return c.fail(pc, "evaluation stack underflow");
            d += kOpInfo[in.op].pushes;
            if (d > f.max_stack) return c.fail(pc, "evaluation stack exceeds max_stack");
            Operand o = kOpInfo[in.op].operand;
            bool jumps = o == Operand::Jump || o == Operand::JumpLocal || o == Operand::JumpImm;
            bool falls = in.op != OP_JMP && in.op != OP_RET;
            uint32_t succ[2];
            int ns = 0;
            if (falls) {
                if (i + 1 >= n) return c.fail(pc, "execution falls off the end of the function");
                succ[ns++] = i + 1;
            }
            if (jumps) succ[ns++] = uint32_t(in.imm) - f.entry;
            if (o == Operand::StepBranch) succ[ns++] = uint32_t(step_target(in, pc)) - f.entry;
            for (int k = 0; k < ns; k++) {
                int16_t& s = depth[succ[k]];
                if (s < 0) {
                    s = int16_t(d);
                    if (succ[k] < i) changed = true;  // a back edge: sweep again
                } else if (s != d) {
                    return c.fail(f.entry + succ[k], "inconsistent evaluation stack depth");
                }
            }
        }
    }
    return true;
}

}  // namespace

bool verify_image(const ImageView& img, void* scratch, size_t scratch_size, char* why, size_t cap) {
    Ctx c{img, why, cap};
    if (img.func_count == 0 || img.code_count == 0) return c.fail("no code");
    if (img.entry_func >= img.func_count) return c.fail("entry function out of range");
    if (img.globals_end < kGlobalsStart || img.globals_end % 4 != 0)
        return c.fail("bad globals size");
    if (img.data_size > img.globals_end) return c.fail("initial data larger than the globals");
    if (img.mem_size <= img.globals_end || img.mem_size > 0x01000000u)
        return c.fail("bad memory size");
    if (img.names_size == 0 || img.names[img.names_size - 1] != 0) return c.fail("bad name table");
    uint32_t largest = 0;
    for (uint32_t i = 0; i < img.func_count; i++) {
        FuncInfo f = img.func(i);
        uint32_t expect_entry = i == 0 ? 0 : img.func(i - 1).end;
        if (f.entry != expect_entry || f.end <= f.entry || f.end > img.code_count)
            return c.fail("functions do not tile the code");
        if (i + 1 == img.func_count && f.end != img.code_count)
            return c.fail("functions do not tile the code");
        if (f.nparams > 8 || f.frame_size < 4u * f.nparams || f.frame_size % 4 != 0 ||
            f.frame_size > 0x7fff)
            return c.fail("bad frame size");
        if (f.name_off >= img.names_size || f.flags != 0) return c.fail("bad function entry");
        if (f.end - f.entry > largest) largest = f.end - f.entry;
    }
    FuncInfo main_fn = img.func(img.entry_func);
    if (main_fn.nparams != 0) return c.fail("main must take no parameters");
    // main's frame and evaluation stack must fit above the globals (checked here rather than
    // at load so that every reader of an image, the tool's disasm and inspect too, agrees).
    if (uint64_t(img.globals_end) + main_fn.frame_size + 4ull * main_fn.max_stack > img.mem_size)
        return c.fail("stack too small for main()");
    for (uint32_t i = 0; i < img.line_count; i++) {
        LineEntry e = img.line(i);
        if (e.pc >= img.code_count || (i && e.pc < img.line(i - 1).pc))
            return c.fail("bad line table");
    }
    if (scratch_size < size_t(largest) * sizeof(int16_t) ||
        (reinterpret_cast<uintptr_t>(scratch) & 1))
        return c.fail("not enough scratch memory to verify");
    int16_t* depth = static_cast<int16_t*>(scratch);
    for (uint32_t fi = 0; fi < img.func_count; fi++) {
        FuncInfo f = img.func(fi);
        for (uint32_t pc = f.entry; pc < f.end; pc++)
            if (!check_operands(c, f, pc)) return false;
        if (!stack_depths(c, fi, depth)) return false;
    }
    return true;
}

int stack_depth_at(const ImageView& img, uint32_t pc, void* scratch, size_t scratch_size) {
    uint32_t fi = img.func_at(pc);
    if (fi >= img.func_count) return -1;
    FuncInfo f = img.func(fi);
    if (scratch_size < size_t(f.end - f.entry) * sizeof(int16_t)) return -1;
    char why[8];
    Ctx c{img, why, sizeof why};
    int16_t* depth = static_cast<int16_t*>(scratch);
    if (!stack_depths(c, fi, depth)) return -1;
    return depth[pc - f.entry];
}

}  // namespace tern::ccbpf
