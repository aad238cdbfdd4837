// ccbpf: the host tool. compile | run | disasm | inspect | resume.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include "host_runtime.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "tern/ccbpf/image.hpp"
#include "tern/ccbpf/snapshot.hpp"

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
    char why[160];
    if (!validate_image(image->data(), image->size, view, why, sizeof why)) {
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
    print_disasm(v, stdout);
    return 0;
}

int cmd_inspect(int argc, char** argv) {
    if (argc != 1) return usage();
    std::string bytes;
    if (read_file(argv[0], &bytes) && bytes.size() >= 4 && !memcmp(bytes.data(), "CCBS", 4))
        return print_snapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                              stdout, stderr);
    Bytes image;
    ImageView v;
    if (!load_parsed(argv[0], &image, &v)) return 1;
    print_image_info(v, stdout);
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
