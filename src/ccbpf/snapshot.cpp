// Snapshots: registers, the return stack and the live memory (globals and the used part of
// the stack), little-endian, CRC-protected, bound to one image by its content hash.
// Restore re-derives every invariant the interpreter relies on before accepting a byte.
#include "tern/ccbpf/snapshot.hpp"

#include <string.h>

#include "tern/ccbpf/verifier.hpp"
#include "text.hpp"
#include "vm_internal.hpp"

namespace tern::ccbpf {

size_t snapshot_size(const Vm& vm) {
    const VmState& s = vm.state();
    return kSnapshotHeaderSize + 8u * s.depth + s.sp + 4u;
}

size_t snapshot_save(Vm& vm, uint8_t* out, size_t cap) {
    VmState& s = vm.state();
    if (s.run_state == RunState::Trapped) return 0;
    size_t size = snapshot_size(vm);
    if (cap < size) return 0;
    const ImageView& img = vm.image();
    uint32_t now = vm.host()->now_ms();
    memset(out, 0, kSnapshotHeaderSize);
    wr32(out, kSnapshotMagic);
    wr16(out + 4, kSnapshotVersion);
    wr16(out + 6, kSnapshotHeaderSize);
    wr64(out + 8, img.hash);
    wr32(out + 16, s.pc);
    wr32(out + 20, s.fp);
    wr32(out + 24, s.sp);
    wr32(out + 28, s.acc);
    wr32(out + 32, s.depth);
    wr32(out + 36, uint32_t(s.run_state));
    wr32(out + 40, uint32_t(s.exit_code));
    wr32(out + 44, s.rand_state);
    wr32(out + 48, vm.sleep_remaining_ms());
    wr32(out + 52, now - s.time_base);
    wr32(out + 56, img.globals_end);
    wr32(out + 60, s.sp - img.globals_end);
    wr32(out + 64, img.mem_size);
    uint8_t* p = out + kSnapshotHeaderSize;
    for (uint32_t i = 0; i < s.depth; i++, p += 8) {
        wr32(p, s.calls[i].ret_pc);
        wr32(p + 4, s.calls[i].fp);
    }
    memcpy(p, vm.memory(), s.sp);  // globals then the live stack: [0, sp)
    p += s.sp;
    wr32(p, crc32(out, size - 4));
    return size;
}

namespace {

struct Refuse {
    char* why;
    size_t cap;
    bool operator()(const char* msg) {
        text_format(why, cap, "snapshot refused: %s", msg);
        return false;
    }
};

}  // namespace

bool snapshot_check_framing(const uint8_t* b, size_t size, char* why, size_t cap) {
    Refuse refuse{why, cap};
    if (size < kSnapshotHeaderSize + 4) return refuse("truncated");
    if (rd32(b) != kSnapshotMagic) return refuse("bad magic (not a ccBPF snapshot)");
    if (rd16(b + 4) != kSnapshotVersion) return refuse("unsupported version");
    if (rd16(b + 6) != kSnapshotHeaderSize) return refuse("bad header size");
    if (rd32(b + 68) != 0) return refuse("reserved field not zero");
    if (rd32(b + size - 4) != crc32(b, size - 4)) return refuse("CRC mismatch (corrupt)");
    uint32_t sp = rd32(b + 24), depth = rd32(b + 32), run_state = rd32(b + 36);
    uint32_t globals_len = rd32(b + 56), stack_len = rd32(b + 60), mem_size = rd32(b + 64);
    if (run_state > uint32_t(RunState::Halted)) return refuse("bad run state");
    bool halted = run_state == uint32_t(RunState::Halted);
    if (depth > kMaxCallDepth || (!halted && depth == 0)) return refuse("bad call depth");
    if (uint64_t(globals_len) + stack_len != sp || sp > mem_size)
        return refuse("stack pointer out of bounds");
    if (uint64_t(kSnapshotHeaderSize) + 8ull * depth + sp + 4 != size)
        return refuse("sizes do not add up");
    return true;
}

bool snapshot_restore(Vm& vm, const uint8_t* b, size_t size, char* why, size_t cap) {
    Refuse refuse{why, cap};
    vm.state().run_state = RunState::Trapped;  // until everything checks out
    const ImageView& img = vm.image();
    if (!img.bytes) return refuse("no image loaded");
    if (!snapshot_check_framing(b, size, why, cap)) return false;
    if (rd64(b + 8) != img.hash) return refuse("taken from a different image (hash mismatch)");
    uint32_t pc = rd32(b + 16), fp = rd32(b + 20), sp = rd32(b + 24);
    uint32_t depth = rd32(b + 32), run_state = rd32(b + 36);
    uint32_t globals_len = rd32(b + 56), mem_size = rd32(b + 64);
    if (mem_size != img.mem_size) return refuse("memory size differs from the image's");
    if (globals_len != img.globals_end) return refuse("globals size differs from the image's");
    bool halted = run_state == uint32_t(RunState::Halted);
    const uint8_t* calls = b + kSnapshotHeaderSize;
    if (!halted) {
        // Walk the frames outermost first, re-deriving each frame pointer from the code.
        if (rd32(calls) != kNoReturn || rd32(calls + 4) != 0) return refuse("bad outermost frame");
        uint32_t func = img.entry_func;
        uint32_t frame_fp = img.globals_end;
        void* scratch = vm.memory();
        size_t scratch_size = vm.memory_size();
        for (uint32_t k = 0; k < depth; k++) {
            bool innermost = k + 1 == depth;
            FuncInfo f = img.func(func);
            uint32_t at = innermost ? pc : rd32(calls + 8 * (k + 1)) - 1;
            uint32_t this_fp = innermost ? fp : rd32(calls + 8 * (k + 1) + 4);
            if (this_fp != frame_fp) return refuse("frame pointer inconsistent with the code");
            if (at < f.entry || at >= f.end) return refuse("pc outside its function");
            if (uint64_t(frame_fp) + f.frame_size + 4ull * f.max_stack > mem_size)
                return refuse("frame exceeds memory");
            int d = stack_depth_at(img, at, scratch, scratch_size);
            if (d < 0) return refuse("pc is not on a reachable instruction");
            uint32_t top = frame_fp + f.frame_size + 4u * uint32_t(d);
            if (innermost) {
                if (sp != top) return refuse("stack pointer inconsistent with the code");
                break;
            }
            const Insn& call = img.code[at];
            if (call.op != OP_CALL) return refuse("return address does not follow a call");
            uint32_t callee = uint32_t(call.imm);
            uint32_t nparams = img.func(callee).nparams;
            if (uint32_t(d) < nparams) return refuse("bad call frame");
            frame_fp = top - 4 * nparams;
            func = callee;
        }
    }
    // Everything checks out: install it.
    VmState& s = vm.state();
    uint32_t now = vm.host()->now_ms();
    s.pc = pc;
    s.fp = fp;
    s.sp = sp;
    s.acc = rd32(b + 28);
    s.depth = depth;
    s.exit_code = int32_t(rd32(b + 40));
    s.rand_state = rd32(b + 44);
    s.sleep_until = now + rd32(b + 48);
    s.time_base = now - rd32(b + 52);
    for (uint32_t i = 0; i < depth; i++)
        s.calls[i] = CallFrame{rd32(calls + 8 * i), rd32(calls + 8 * i + 4)};
    memcpy(vm.memory(), calls + 8 * depth, sp);
    memset(vm.memory() + sp, 0, mem_size - sp);
    s.run_state = RunState(run_state);
    return true;
}

}  // namespace tern::ccbpf
