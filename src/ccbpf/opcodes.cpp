#include "tern/ccbpf/opcodes.hpp"

namespace tern::ccbpf {

const OpInfo kOpInfo[OP_COUNT] = {
#define X(name, operand, pops, pushes) {#name, Operand::operand, pops, pushes},
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

const BuiltinInfo kBuiltinInfo[BI_COUNT] = {
#define X(id, name, args) {name, args},
    CCBPF_BUILTINS(X)
#undef X
};

}  // namespace tern::ccbpf
