#include "report.hpp"

#include <string>
#include <vector>

#include "tern/ccbpf/disasm.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/verifier.hpp"

namespace tern::ccbpf::hosttool {

bool validate_image(const uint8_t* bytes, size_t size, ImageView* view, char* why, size_t cap) {
    if (!image_parse(bytes, size, view, why, cap)) return false;
    // The verifier needs 2 bytes per instruction of the largest function.
    std::vector<uint16_t> scratch(size_t(view->code_count) + 1);
    return verify_image(*view, scratch.data(), scratch.size() * sizeof(uint16_t), why, cap);
}

void print_disasm(const ImageView& v, FILE* out) {
    uint32_t li = 0;
    for (uint32_t f = 0; f < v.func_count; f++) {
        FuncInfo fi = v.func(f);
        fprintf(out, "%s:  ; func#%u params=%u frame=%u max_stack=%u\n", v.func_name(f), f,
                fi.nparams, fi.frame_size, fi.max_stack);
        for (uint32_t pc = fi.entry; pc < fi.end; pc++) {
            char text[96];
            disasm_insn(v.code[pc], pc, text, sizeof text);
            std::string line;
            while (li < v.line_count && v.line(li).pc == pc) {
                line = "  ; line " + std::to_string(v.line(li).line);
                li++;
            }
            fprintf(out, "  %5u  %-28s%s\n", pc, text, line.c_str());
        }
    }
}

void print_image_info(const ImageView& v, FILE* out) {
    fprintf(out, "ccBPF image v%u, %zu bytes\n", kImageVersion, v.size);
    fprintf(out, "  content hash %016llx\n", (unsigned long long)v.hash);
    fprintf(out, "  code         %u instructions (%u bytes)\n", v.code_count,
            unsigned(v.code_count * sizeof(Insn)));
    fprintf(out, "  data         %u bytes initialised, globals end at %u\n", v.data_size,
            v.globals_end);
    fprintf(out, "  memory       %u bytes (stack %u)\n", v.mem_size, v.mem_size - v.globals_end);
    fprintf(out, "  lines        %u entries\n", v.line_count);
    fprintf(out, "  functions    %u (entry: %s)\n", v.func_count, v.func_name(v.entry_func));
    for (uint32_t f = 0; f < v.func_count; f++) {
        FuncInfo fi = v.func(f);
        fprintf(out, "    %-20s pc %u..%u params %u frame %u max_stack %u\n", v.func_name(f),
                fi.entry, fi.end, fi.nparams, fi.frame_size, fi.max_stack);
    }
}

int print_snapshot(const uint8_t* b, size_t size, FILE* out, FILE* err) {
    char why[160];
    if (!snapshot_check_framing(b, size, why, sizeof why)) {
        fprintf(err, "ccbpf: %s\n", why);
        return 1;
    }
    static const char* const kStates[] = {"running", "sleeping", "halted", "trapped"};
    uint32_t state = rd32(b + 36);
    fprintf(out, "ccBPF snapshot v%u, %zu bytes\n", rd16(b + 4), size);
    fprintf(out, "  image hash   %016llx\n", (unsigned long long)rd64(b + 8));
    fprintf(out, "  pc %u  fp %u  sp %u  acc %u  depth %u\n", rd32(b + 16), rd32(b + 20),
            rd32(b + 24), rd32(b + 28), rd32(b + 32));
    fprintf(out, "  state        %s (exit code %d)\n", state < 4 ? kStates[state] : "?",
            int32_t(rd32(b + 40)));
    fprintf(out, "  sleep left   %u ms, elapsed %u ms, rand state %u\n", rd32(b + 48),
            rd32(b + 52), rd32(b + 44));
    fprintf(out, "  memory       %u bytes of globals + %u bytes of live stack (of %u)\n",
            rd32(b + 56), rd32(b + 60), rd32(b + 64));
    fprintf(out, "  crc          ok\n");
    return 0;
}

}  // namespace tern::ccbpf::hosttool
