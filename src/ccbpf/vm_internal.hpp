// Pieces of the VM shared between the interpreter loop and the built-ins.
#pragma once
#include <stdint.h>

#include "tern/ccbpf/vm.hpp"

namespace tern::ccbpf {

// Return address of main()'s frame: returning through it ends the program.
constexpr uint32_t kNoReturn = 0xffffffffu;

// Runs built-in `id` with `nargs` arguments on the evaluation stack. On entry the VM's
// registers are saved in its state with pc at the CALLB; on return they are saved again
// with pc after it (or at it, for a trap). Status::Slice means "carry on".
Status builtin(Vm& vm, uint32_t id, uint32_t nargs);

// The same generator on every node and in ccbpf.h (so gcc agrees): a classic 32-bit LCG.
inline uint32_t rand_next(uint32_t* state) {
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fffu;
}

}  // namespace tern::ccbpf
