#include "tern/ccbpf/disasm.hpp"

#include "text.hpp"

namespace tern::ccbpf {

void disasm_insn(const Insn& in, uint32_t pc, char* buf, size_t cap) {
    if (in.op >= OP_COUNT) {
        text_format(buf, cap, "??? %u", unsigned(in.op));
        return;
    }
    const OpInfo& info = kOpInfo[in.op];
    switch (info.operand) {
        case Operand::None:
            text_format(buf, cap, "%s", info.name);
            break;
        case Operand::Local:
            if (in.op == OP_LDLX)
                text_format(buf, cap, "%s fp+%d, <<%u", info.name, in.imm, unsigned(in.a));
            else
                text_format(buf, cap, "%s fp+%d", info.name, in.imm);
            break;
        case Operand::LocalAddr:
            text_format(buf, cap, "%s fp+%d", info.name, in.imm);
            break;
        case Operand::Global:
            text_format(buf, cap, "%s [%d]", info.name, in.imm);
            break;
        case Operand::Jump:
            text_format(buf, cap, "%s -> %d", info.name, in.imm);
            break;
        case Operand::JumpLocal:
            text_format(buf, cap, "%s fp+%d -> %d", info.name, int(in.b), in.imm);
            break;
        case Operand::JumpImm:
            text_format(buf, cap, "%s %d -> %d", info.name, jump_imm(in), in.imm);
            break;
        case Operand::Func:
            text_format(buf, cap, "%s func#%d/%u", info.name, in.imm, unsigned(in.a));
            break;
        case Operand::Builtin:
            text_format(buf, cap, "%s %s/%d", info.name,
                        in.a < BI_COUNT ? kBuiltinInfo[in.a].name : "?", in.imm);
            break;
        case Operand::Ret:
            text_format(buf, cap, "%s %d", info.name, in.imm);
            break;
        case Operand::StepBranch:
            text_format(buf, cap, "%s fp+%d, %d -> %d", info.name, int(in.b), in.imm,
                        int(step_target(in, pc)));
            break;
        case Operand::IncLocal:
            text_format(buf, cap, "%s fp+%d, %d", info.name, in.imm, int(in.b));
            break;
        case Operand::Size:
            text_format(buf, cap, "%s %d", info.name, in.imm);
            break;
        case Operand::Shift:
            text_format(buf, cap, "%s <<%u", info.name, unsigned(in.a));
            break;
        case Operand::ShiftImm:
            text_format(buf, cap, "%s %d + (acc<<%u)", info.name, in.imm, unsigned(in.a));
            break;
        case Operand::LocalShiftImm:
            if (in.op == OP_MULLI) {
                text_format(buf, cap, "%s fp+%d * %d", info.name, int(in.b), in.imm);
                break;
            }
            text_format(buf, cap, "%s %d + (fp+%d<<%u)", info.name, in.imm, int(in.b),
                        unsigned(in.a));
            break;
        case Operand::Imm:
            text_format(buf, cap, "%s %d", info.name, in.imm);
            break;
    }
}

}  // namespace tern::ccbpf
