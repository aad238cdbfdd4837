#include <filesystem>
#include <random>
#include <regex>

#include "tern/ccbpf/compiler.hpp"
#include "test_support.hpp"

#ifndef CCBPF_TEST_DIR
#error "CCBPF_TEST_DIR must point at tests/ccbpf"
#endif

namespace ccbpf_test {

std::string read(const std::string& path) {
    std::string s;
    EXPECT_TRUE(tern::ccbpf::hosttool::read_file(path, &s)) << path;
    return s;
}

CompileResult compile_with(const std::string& src, size_t arena_size, size_t out_size = 1 << 20) {
    std::vector<uint64_t> arena(arena_size / 8 + 1);
    Bytes out;
    out.resize(out_size);
    return compile("p.c", src.data(), src.size(), arena.data(), arena_size, out.data(), out_size);
}

TEST(CcbpfCompiler, ArenaForA300LineProgram) {
    std::string src = read(CCBPF_TEST_DIR "/frozen/program300.c");
    CompileResult r = compile_with(src, 64 * 1024);
    ASSERT_TRUE(r.ok) << r.message;
    size_t lines = size_t(std::count(src.begin(), src.end(), '\n'));
    printf(
        "[ arena ] %zu-line program: compiler arena peak %zu bytes, image %zu bytes (%zu-bit "
        "host)\n",
        lines, r.arena_peak, r.image_size, sizeof(void*) * 8);
    EXPECT_GE(lines, 300u);
    // Measured peak plus a little: a regression guard. 32-bit targets need less (pointers
    // are half the size); see docs/ccbpf.md for the figures.
    EXPECT_LT(r.arena_peak, sizeof(void*) == 8 ? 12u * 1024 : 8u * 1024);
    // And it really compiles in exactly that much.
    CompileResult tight = compile_with(src, (r.arena_peak + 7) & ~size_t(7));
    EXPECT_TRUE(tight.ok) << tight.message;
}

TEST(CcbpfCompiler, RunningOutOfArenaIsAnErrorNotACrash) {
    std::string src = read(CCBPF_TEST_DIR "/frozen/program300.c");
    for (size_t size : {0u, 64u, 1024u, 3000u, 4096u, 6000u, 8000u}) {
        CompileResult r = compile_with(src, size);
        EXPECT_FALSE(r.ok) << size;
        EXPECT_NE(nullptr, strstr(r.message, "error:")) << r.message;
    }
}

// The parser recurses with the program's nesting; given the bottom of its stack, it stops
// with an error before reaching it. (The stack here is the test's own, with a floor set
// 32 KB below the caller's frame; on the boards it is the compiling task's real stack.)
TEST(CcbpfCompiler, NestingDeeperThanTheStackAllowsIsAnError) {
    std::string deep =
        "int main(void) { return " + std::string(60, '(') + "1" + std::string(60, ')') + "; }\n";
    std::string shallow = "int main(void) { return (1 + 2) * 3; }\n";
    std::vector<uint64_t> arena(64 * 1024 / 8);
    Bytes out;
    out.resize(1 << 16);
    volatile char here = 0;
    CompileOptions limited;
    limited.stack_bottom = const_cast<char*>(&here) - 32 * 1024;
    CompileResult r = compile("p.c", deep.data(), deep.size(), arena.data(), 64 * 1024, out.data(),
                              out.size, limited);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(nullptr, strstr(r.message, "out of compiler stack")) << r.message;
    r = compile("p.c", shallow.data(), shallow.size(), arena.data(), 64 * 1024, out.data(),
                out.size, limited);
    EXPECT_TRUE(r.ok) << r.message;
    r = compile("p.c", deep.data(), deep.size(), arena.data(), 64 * 1024, out.data(), out.size);
    EXPECT_TRUE(r.ok) << r.message;  // the same program, unchecked, on the test's big stack
}

TEST(CcbpfCompiler, SmallOutputBufferIsAnErrorNotACrash) {
    std::string src = read(CCBPF_TEST_DIR "/frozen/program300.c");
    for (size_t size : {16u, 100u, 1000u, 5000u}) {
        CompileResult r = compile_with(src, 64 * 1024, size);
        EXPECT_FALSE(r.ok) << size;
    }
}

TEST(CcbpfCompiler, ErrorsGiveFileLineColumnAndStopAtTheFirst) {
    std::string err = compile_error("int main(void) {\n  int x = 1\n  int y = ;\n}\n");
    EXPECT_EQ("test.c:3:3: error: expected ';' before 'int'", err);
}

TEST(CcbpfCompiler, UnsupportedFeaturesAreNamed) {
    EXPECT_NE(std::string::npos,
              compile_error("float f; int main(void){return 0;}").find("floating point"));
    EXPECT_NE(std::string::npos, compile_error("int main(void){goto x; return 0;}").find("goto"));
    EXPECT_NE(std::string::npos,
              compile_error("long long x; int main(void){return 0;}").find("'long'"));
    EXPECT_NE(
        std::string::npos,
        compile_error("int f(int a, ...); int main(void){return 0;}").find("variadic functions"));
    EXPECT_NE(std::string::npos,
              compile_error("int main(void){int (*f)(void); return 0;}").find("function pointers"));
    EXPECT_NE(std::string::npos,
              compile_error("int main(void){return *malloc(4);}").find("no heap"));
}

// Compiles with the host tool's settings and loads the image as `run` does (framing and
// the verifier): every program the compiler accepts must load.
bool loads(const std::string& src) {
    Bytes image;
    std::string err;
    if (!tern::ccbpf::hosttool::compile_source("p.c", src, 8192, &image, &err)) return true;
    FakeHost host;
    LoadedVm vm;
    bool ok = vm.load(image, &host, &err);
    EXPECT_TRUE(ok) << err;
    return ok;
}

// Issue 21 item 5: an empty statement after the last return (on its own line) marked a
// line for an instruction that was never emitted, and the verifier refused the image.
TEST(CcbpfCompiler, StatementsAfterTheLastInstructionStillLoad) {
    const char* const programs[] = {
        "int main(void){ return 0; ; }\n",
        "int main(void){\n return 0;\n ;\n}\n",
        "int main(void){\n return 0;\n ;\n ;\n}\n",
        "int f(void){\n return 1;\n ;\n}\nint main(void){\n return f();\n ;\n}\n",
        "int main(void){\n while (1) {\n  return 0;\n  ;\n }\n ;\n}\n",
        "int main(void){\n if (1)\n  return 0;\n else\n  return 1;\n ;\n {}\n}\n",
        "int main(void){\n for (;;) return 2;\n ;\n}\n",
    };
    for (const char* p : programs) {
        Bytes image = compile_ok(p);
        FakeHost host;
        auto vm = load(image, &host);
        EXPECT_NE(Status::Trapped, run_all(vm->vm)) << p;
    }
}

// Compile success implies load success, over every program of the corpus.
TEST(CcbpfCompiler, EveryCorpusProgramThatCompilesLoads) {
    int n = 0;
    for (const char* dir : {"/conformance", "/frozen", "/errors"})
        for (const auto& entry : std::filesystem::directory_iterator(CCBPF_TEST_DIR + std::string(dir)))
            if (entry.path().extension() == ".c") {
                EXPECT_TRUE(loads(read(entry.path().string()))) << entry.path();
                n++;
            }
    EXPECT_GT(n, 70);
}

// Random and mutated inputs: the compiler must always return, and whatever it accepts the
// verifier must accept too.
TEST(CcbpfCompiler, NeverCrashesOnGarbageOrMutations) {
    std::mt19937 rng(12345);
    std::string seed = read(CCBPF_TEST_DIR "/conformance/quicksort.c");
    const char alphabet[] = "(){}[];,+-*/%<>=!&|^~?:.#\"'\\ \n\tabcxyz0123456789_";
    int accepted = 0;
    for (int i = 0; i < 600; i++) {
        std::string src = seed;
        int edits = 1 + int(rng() % 8);
        for (int e = 0; e < edits && !src.empty(); e++) {
            size_t at = rng() % src.size();
            switch (rng() % 3) {
                case 0:
                    src[at] = alphabet[rng() % (sizeof alphabet - 1)];
                    break;
                case 1:
                    src.erase(at, 1 + rng() % 10);
                    break;
                default:
                    src.insert(at, 1, alphabet[rng() % (sizeof alphabet - 1)]);
                    break;
            }
        }
        if (i % 10 == 0) {  // pure noise
            src.resize(rng() % 200);
            for (char& c : src) c = char(rng());
        }
        CompileResult r = compile_with(src, 32 * 1024);
        if (r.ok) {
            accepted++;
            EXPECT_TRUE(loads(src)) << src;
        } else
            EXPECT_TRUE(std::regex_search(r.message, std::regex("^p\\.c:[0-9]+:[0-9]+: error: ")))
                << r.message;
    }
    printf("[ fuzz ] %d of 600 mutants compiled\n", accepted);
}

TEST(CcbpfCompiler, StaticAndGlobalInitialisersAreInTheImage) {
    Bytes img = compile_ok(
        "char s[] = \"xyz\"; int t[3] = {7, 8}; int *p = &t[1];\nint main(void){return 0;}");
    ImageView v;
    char why[160];
    ASSERT_TRUE(image_parse(img.data(), img.size, &v, why, sizeof why));
    ASSERT_GE(v.data_size, kGlobalsStart + 4u);
    EXPECT_EQ(0, memcmp(v.data + kGlobalsStart, "xyz", 4));
    uint32_t t_addr = kGlobalsStart + 4;
    EXPECT_EQ(7u, rd32(v.data + t_addr));
    EXPECT_EQ(8u, rd32(v.data + t_addr + 4));
    EXPECT_EQ(t_addr + 4, rd32(v.data + t_addr + 12));
}

}  // namespace ccbpf_test
