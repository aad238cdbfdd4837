// ccbpf: the host tool. compile | run | disasm | inspect | resume.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "host_runtime.hpp"
#include "runner.hpp"
#include "tern/ccbpf/disasm.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/snapshot.hpp"
#include "tern/ccbpf/verifier.hpp"

using namespace tern::ccbpf;
using namespace tern::ccbpf::hosttool;

namespace {

// The usage text has one source, tools/ccbpf/usage.txt, which `./tern ccbpf --help` also
// prints before anything is built.
const char kUsage[] =
#include "ccbpf_usage.inc"
    ;

int usage() {
    fputs(kUsage, stderr);
    return 2;
}

bool parse_u32(const char* s, uint32_t* v) {
    char* end;
    unsigned long x = strtoul(s, &end, 10);
    if (!*s || *end || x > 0xffffffffUL) return false;
    *v = uint32_t(x);
    return true;
}

int finish(const RunOutcome& o) {
    fflush(stdout);
    if (o.setup_failed) {
        fprintf(stderr, "ccbpf: %s\n", o.message.c_str());
        return 1;
    }
    if (o.trapped) fprintf(stderr, "ccbpf: trap: %s\n", o.message.c_str());
    return o.exit_code & 0xff;
}

int cmd_compile(int argc, char** argv) {
    uint32_t stack = 8192;
    bool stats = false;
    std::string in, out;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--stack") && i + 1 < argc) {
            if (!parse_u32(argv[++i], &stack)) return usage();
        } else if (!strcmp(argv[i], "--stats")) {
            stats = true;
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out = argv[++i];
        } else if (in.empty()) {
            in = argv[i];
        } else {
            return usage();
        }
    }
    if (in.empty()) return usage();
    std::string src, err;
    if (!read_file(in, &src)) {
        fprintf(stderr, "ccbpf: cannot read %s\n", in.c_str());
        return 1;
    }
    Bytes image;
    size_t peak = 0;
    if (!compile_source(in, src, stack, &image, &err, &peak)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    if (out.empty()) {
        out = in;
        size_t dot = out.rfind('.');
        if (dot != std::string::npos && out.find('/', dot) == std::string::npos) out.resize(dot);
        out += ".ccbf";
    }
    if (!write_file(out, image.data(), image.size)) {
        fprintf(stderr, "ccbpf: cannot write %s\n", out.c_str());
        return 1;
    }
    if (stats) printf("compiler arena peak: %zu bytes\nimage: %zu bytes\n", peak, image.size);
    return 0;
}

int cmd_run(int argc, char** argv) {
    RunOptions opt;
    uint32_t stack = 8192;
    std::string file, node = "host";
    for (int i = 0; i < argc; i++) {
        uint32_t v;
        if (!strcmp(argv[i], "--snapshot-every") && i + 1 < argc) {
            if (!parse_u32(argv[++i], &v) || v == 0) return usage();
            opt.snapshot_every = v;
        } else if (!strcmp(argv[i], "--stack") && i + 1 < argc) {
            if (!parse_u32(argv[++i], &stack)) return usage();
        } else if (!strcmp(argv[i], "--node") && i + 1 < argc) {
            node = argv[++i];
        } else if (!strcmp(argv[i], "--stop-after") && i + 1 < argc) {
            if (!parse_u32(argv[++i], &v) || v == 0) return usage();
            opt.stop_after = v;
        } else if (!strcmp(argv[i], "--save-snapshot") && i + 1 < argc) {
            opt.save_snapshot = argv[++i];
        } else if (file.empty()) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (file.empty() || (opt.stop_after != 0) != !opt.save_snapshot.empty()) return usage();
    Bytes image;
    std::string err;
    if (!load_program(file, stack, &image, &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    StdoutHost host(node);
    return finish(run_image(image, &host, opt));
}

int cmd_resume(int argc, char** argv) {
    if (argc != 2) return usage();
    Bytes image, snap;
    std::string err, bytes;
    if (!load_program(argv[0], 8192, &image, &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    if (!read_file(argv[1], &bytes)) {
        fprintf(stderr, "ccbpf: cannot read %s\n", argv[1]);
        return 1;
    }
    snap.resize(bytes.size());
    memcpy(snap.data(), bytes.data(), bytes.size());
    RunOptions opt;
    opt.resume_from = &snap;
    StdoutHost host;
    return finish(run_image(image, &host, opt));
}

bool load_parsed(const char* file, Bytes* image, ImageView* view) {
    std::string err;
    if (!load_program(file, 8192, image, &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return false;
    }
    // The same checks as `run` (framing, then the verifier): disasm and inspect walk the
    // function and line tables, which only the verifier proves lie inside the code.
    char why[160];
    if (!image_parse(image->data(), image->size, view, why, sizeof why)) {
        fprintf(stderr, "ccbpf: %s\n", why);
        return false;
    }
    std::vector<uint16_t> scratch(size_t(view->code_count) + 1);
    if (!verify_image(*view, scratch.data(), scratch.size() * sizeof(uint16_t), why, sizeof why)) {
        fprintf(stderr, "ccbpf: %s\n", why);
        return false;
    }
    return true;
}

int cmd_disasm(int argc, char** argv) {
    if (argc != 1) return usage();
    Bytes image;
    ImageView v;
    if (!load_parsed(argv[0], &image, &v)) return 1;
    uint32_t li = 0;
    for (uint32_t f = 0; f < v.func_count; f++) {
        FuncInfo fi = v.func(f);
        printf("%s:  ; func#%u params=%u frame=%u max_stack=%u\n", v.func_name(f), f, fi.nparams,
               fi.frame_size, fi.max_stack);
        for (uint32_t pc = fi.entry; pc < fi.end; pc++) {
            char text[96];
            disasm_insn(v.code[pc], pc, text, sizeof text);
            std::string line;
            while (li < v.line_count && v.line(li).pc == pc) {
                line = "  ; line " + std::to_string(v.line(li).line);
                li++;
            }
            printf("  %5u  %-28s%s\n", pc, text, line.c_str());
        }
    }
    return 0;
}

int inspect_snapshot(const std::string& bytes) {
    const uint8_t* b = reinterpret_cast<const uint8_t*>(bytes.data());
    char why[160];
    if (!snapshot_check_framing(b, bytes.size(), why, sizeof why)) {
        fprintf(stderr, "ccbpf: %s\n", why);
        return 1;
    }
    static const char* const kStates[] = {"running", "sleeping", "halted", "trapped"};
    uint32_t state = rd32(b + 36);
    printf("ccBPF snapshot v%u, %zu bytes\n", rd16(b + 4), bytes.size());
    printf("  image hash   %016llx\n", (unsigned long long)rd64(b + 8));
    printf("  pc %u  fp %u  sp %u  acc %u  depth %u\n", rd32(b + 16), rd32(b + 20), rd32(b + 24),
           rd32(b + 28), rd32(b + 32));
    printf("  state        %s (exit code %d)\n", state < 4 ? kStates[state] : "?",
           int32_t(rd32(b + 40)));
    printf("  sleep left   %u ms, elapsed %u ms, rand state %u\n", rd32(b + 48), rd32(b + 52),
           rd32(b + 44));
    printf("  memory       %u bytes of globals + %u bytes of live stack (of %u)\n", rd32(b + 56),
           rd32(b + 60), rd32(b + 64));
    printf("  crc          ok\n");
    return 0;
}

int cmd_inspect(int argc, char** argv) {
    if (argc != 1) return usage();
    std::string bytes;
    if (read_file(argv[0], &bytes) && bytes.size() >= 4 && !memcmp(bytes.data(), "CCBS", 4))
        return inspect_snapshot(bytes);
    Bytes image;
    ImageView v;
    if (!load_parsed(argv[0], &image, &v)) return 1;
    printf("ccBPF image v%u, %zu bytes\n", kImageVersion, v.size);
    printf("  content hash %016llx\n", (unsigned long long)v.hash);
    printf("  code         %u instructions (%u bytes)\n", v.code_count,
           unsigned(v.code_count * sizeof(Insn)));
    printf("  data         %u bytes initialised, globals end at %u\n", v.data_size, v.globals_end);
    printf("  memory       %u bytes (stack %u)\n", v.mem_size, v.mem_size - v.globals_end);
    printf("  lines        %u entries\n", v.line_count);
    printf("  functions    %u (entry: %s)\n", v.func_count, v.func_name(v.entry_func));
    for (uint32_t f = 0; f < v.func_count; f++) {
        FuncInfo fi = v.func(f);
        printf("    %-20s pc %u..%u params %u frame %u max_stack %u\n", v.func_name(f), fi.entry,
               fi.end, fi.nparams, fi.frame_size, fi.max_stack);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string cmd = argv[1];
    std::string first = argc > 2 ? argv[2] : "";
    if (cmd == "-h" || cmd == "--help" || cmd == "help" || first == "-h" || first == "--help") {
        fputs(kUsage, stdout);
        return 0;
    }
    if (cmd == "compile") return cmd_compile(argc - 2, argv + 2);
    if (cmd == "run") return cmd_run(argc - 2, argv + 2);
    if (cmd == "resume") return cmd_resume(argc - 2, argv + 2);
    if (cmd == "disasm") return cmd_disasm(argc - 2, argv + 2);
    if (cmd == "inspect") return cmd_inspect(argc - 2, argv + 2);
    fprintf(stderr, "ccbpf: unknown command '%s'\n", cmd.c_str());
    return usage();
}
