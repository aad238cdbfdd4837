// The program runtime, driven through its API as the shell, the world and migration will:
// staged loads (a reload replaces only a complete source, a cancel keeps the old one),
// compile errors, pause and resume at instruction boundaries, a pause that interrupts a
// sleep, stop, a program deleted under the runtime (`kill`), a program that asks to
// migrate (parked with its state, its status says where to), and a snapshot taken from a
// paused program restored under another name, whose output goes on exactly where the
// first left off. Refused restores change nothing.
#include <string.h>

#include "check.hpp"
#include "tern/programs.hpp"
#include "tern/task.hpp"

using namespace tern;
using programs::Error;
using programs::State;

namespace {

Task tester;
Stack<4096> tester_stack;

char out[4096];
size_t out_len = 0;
char news[256];
size_t news_len = 0;

void capture(void*, const char* s, size_t n) {
    for (size_t i = 0; i < n && out_len + 1 < sizeof out; ++i) out[out_len++] = s[i];
    out[out_len] = '\0';
}

void changed(void*, const programs::Status& s) {
    char line[96];
    size_t n = format(line, sizeof line, "%s:%s;", s.name, programs::state_name(s.state));
    for (size_t i = 0; i < n && news_len + 1 < sizeof news; ++i) news[news_len++] = line[i];
    news[news_len] = '\0';
}

void clear() {
    out_len = 0;
    out[0] = '\0';
    news_len = 0;
    news[0] = '\0';
}

Error load(const char* name, const char* source) {
    Error e = programs::load_begin(name);
    if (e != Error::none) return e;
    programs::load_append(source, strlen(source));
    return programs::load_commit();
}

State state_of(const char* name) {
    programs::Status s;
    return programs::status(name, s) == Error::none ? s.state : State::empty;
}

// Waits (up to `ms`) for the program to reach `want`.
bool wait_state(const char* name, State want, uint32_t ms) {
    for (uint32_t t = 0; t < ms; t += 5) {
        if (state_of(name) == want) return true;
        delay(ms_to_ticks(5));
    }
    print("FAIL: %s is %s, not %s\r\n", name, programs::state_name(state_of(name)),
          programs::state_name(want));
    return false;
}

const char counter[] =
    "#include \"ccbpf.h\"\n"
    "int main(void) {\n"
    "  for (int i = 0; i < 40; i++) { printf(\"%d \", i); for (int j = 0; j < 200; j++) {} }\n"
    "  return 3;\n"
    "}\n";

const char sleeper[] =
    "#include \"ccbpf.h\"\n"
    "int main(void) { puts(\"zz\"); sleep_ms(60000); puts(\"awake\"); return 0; }\n";

const char traveller[] =
    "#include \"ccbpf.h\"\n"
    "int main(void) {\n"
    "  printf(\"before \");\n"
    "  migrate(\"far-node\");\n"
    "  printf(\"after\");\n"
    "  return 9;\n"
    "}\n";

const char spin[] = "int main(void) { unsigned n = 0; while (1) n++; return 0; }\n";

void tester_main(void*) {
    programs::set_environment({capture, changed, nullptr, 7, "tester-node"});

    // --- staged loads --------------------------------------------------------------
    CHECK(load("", "x") == Error::bad_name);
    CHECK(load("a-name-of-16-chr", "x") == Error::bad_name);
    CHECK(load("count", counter) == Error::none);
    CHECK(state_of("count") == State::loaded);
    CHECK(programs::load_begin("other") == Error::none);
    CHECK(programs::load_begin("third") == Error::busy);  // one load at a time
    programs::load_cancel();
    CHECK(state_of("other") == State::empty);             // a cancelled new load leaves nothing
    // A reload that is cancelled keeps the old source; one that is too large too.
    CHECK(programs::load_begin("count") == Error::none);
    programs::load_append("garbage", 7);
    programs::load_cancel();
    static char big[PROGRAMS_SOURCE_BYTES + 10];
    memset(big, ' ', sizeof big);
    CHECK(programs::load_begin("count") == Error::none);
    CHECK(programs::load_append(big, sizeof big) == Error::too_large);
    CHECK_EQ(programs::load_dropped_bytes(), 11);
    CHECK(programs::load_commit() == Error::too_large);
    programs::Status st;
    CHECK(programs::status("count", st) == Error::none);
    CHECK_EQ(st.source_bytes, strlen(counter));

    // --- compile errors keep the program loaded, with the compiler's message ------------
    CHECK(load("bad", "int main(void) { return missing; }\n") == Error::none);
    CHECK(programs::compile("bad") == Error::compile_failed);
    CHECK(programs::status("bad", st) == Error::none);
    CHECK(strstr(st.message, "bad:1:") != nullptr);
    CHECK(programs::start("bad") == Error::compile_failed);
    CHECK(programs::remove("bad") == Error::none);
    CHECK(state_of("bad") == State::empty);

    // --- nesting deeper than the compiler task's stack is an error, never an overflow ---
    // (#21 item 1: at depths 70, 85 and 149 a board's compile task once overflowed.)
    static char deep[2048];
    static const unsigned depths[] = {70, 85, 149};
    for (unsigned depth : depths) {
        for (int blocks = 0; blocks < 2; ++blocks) {
            size_t n = format(deep, sizeof deep, "int main(void) {\n  int x = 1;\n  ");
            for (unsigned i = 0; i < depth; ++i) deep[n++] = blocks ? '{' : '(';
            n += format(deep + n, sizeof deep - n, blocks ? " x++; " : "x");
            for (unsigned i = 0; i < depth; ++i) deep[n++] = blocks ? '}' : ')';
            n += format(deep + n, sizeof deep - n, blocks ? "\n  return x;\n}\n" : ";\n}\n");
            CHECK(n < sizeof deep);
            CHECK(load("deep", deep) == Error::none);
            Error e = programs::compile("deep");
            CHECK(programs::status("deep", st) == Error::none);
            print("nesting %u %s: %s\r\n", depth, blocks ? "blocks" : "parentheses",
                  e == Error::none ? "compiled" : st.message);
            CHECK(e == Error::none || (e == Error::compile_failed && strstr(st.message, "deep:") == st.message));
        }
    }
    CHECK(programs::remove("deep") == Error::none);

    // --- run to the end; instructions are counted ------------------------------------
    clear();
    CHECK(programs::start("count") == Error::none);
    CHECK(wait_state("count", State::exited, 5000));
    CHECK(strstr(out, "0 1 2 ") == out);
    CHECK(strstr(out, "39 ") != nullptr);
    CHECK(programs::status("count", st) == Error::none);
    CHECK_EQ(st.exit_code, 3);
    CHECK(st.instructions > 40u * 200u);
    CHECK(strcmp(news, "count:exited;") == 0);
    uint64_t whole_run = st.instructions;

    // --- pause and resume between two instructions: the output is the same ------------
    clear();
    CHECK(programs::start("count") == Error::none);
    CHECK(programs::pause("count") == Error::none);
    CHECK(state_of("count") == State::paused);
    CHECK(programs::status("count", st) == Error::none);
    uint64_t at_pause = st.instructions;
    delay(ms_to_ticks(20));
    CHECK(programs::status("count", st) == Error::none);
    CHECK(st.instructions == at_pause);  // paused means paused
    CHECK(programs::pause("count") == Error::none);  // again: nothing changes
    CHECK(programs::resume("count") == Error::none);
    CHECK(wait_state("count", State::exited, 5000));
    CHECK(programs::status("count", st) == Error::none);
    CHECK(st.instructions == whole_run);
    CHECK(strstr(out, "0 1 2 ") == out && strstr(out, "38 39 ") != nullptr);
    CHECK(programs::resume("count") == Error::not_running);

    // --- a pause interrupts a sleep at once; stop ends a parked program ----------------
    CHECK(load("sleepy", sleeper) == Error::none);
    clear();
    CHECK(programs::start("sleepy") == Error::none);
    CHECK(wait_state("sleepy", State::sleeping, 2000));
    CHECK(programs::status("sleepy", st) == Error::none);
    CHECK(st.sleep_left_ms > 50000 && st.sleep_left_ms <= 60000);
    Tick before = now();
    CHECK(programs::pause("sleepy") == Error::none);
    CHECK(now() - before < ms_to_ticks(500));
    CHECK(state_of("sleepy") == State::paused);
    CHECK(programs::load_begin("sleepy") == Error::is_running);  // no reload while live
    CHECK(programs::compile("sleepy") == Error::is_running);
    CHECK(programs::stop("sleepy") == Error::none);
    CHECK(state_of("sleepy") == State::stopped);
    CHECK(strstr(out, "awake") == nullptr);
    CHECK(task_find("sleepy") == nullptr);
    CHECK(strstr(news, "sleepy:stopped;") != nullptr);
    CHECK(programs::remove("sleepy") == Error::none);

    // --- every slot taken by a live program: a new load is refused at once ---------------
    CHECK(load("spin", spin) == Error::none);
    CHECK(programs::start("spin") == Error::none);
    CHECK(programs::start("count") == Error::none);
    CHECK(programs::load_begin("third") == Error::no_slot);
    CHECK(programs::start("spin") == Error::is_running);
    // `kill` deletes a program's task under the runtime: it is then stopped.
    CHECK(task_delete(task_find("spin")) == Result::ok);
    CHECK(state_of("spin") == State::stopped);
    CHECK(programs::stop("spin") == Error::not_running);
    CHECK(wait_state("count", State::exited, 5000));
    CHECK(programs::remove("spin") == Error::none);

    // --- migrate(): parked with its state, the target in its status --------------------
    CHECK(load("travel", traveller) == Error::none);
    clear();
    CHECK(programs::start("travel") == Error::none);
    CHECK(wait_state("travel", State::migrating, 2000));
    CHECK(programs::status("travel", st) == Error::none);
    CHECK(strcmp(st.migrate_to, "far-node") == 0);
    CHECK(strcmp(out, "before ") == 0);
    CHECK(strstr(news, "travel:migrating;") != nullptr);

    // Its snapshot, restored under another name (as the node it asked for would), goes on
    // after the migrate() call: "after", then exit 9.
    static uint8_t snap[PROGRAMS_MEMORY_BYTES + 2048];
    size_t snap_size = 0;
    CHECK(programs::snapshot("count", snap, sizeof snap, &snap_size) == Error::not_running);
    CHECK(programs::snapshot("travel", snap, sizeof snap, &snap_size) == Error::none);
    CHECK(snap_size > 0);
    const uint8_t* img = nullptr;
    uint32_t img_size = 0;
    CHECK(programs::image("travel", &img, &img_size) == Error::none);
    static uint8_t img_copy[PROGRAMS_IMAGE_BYTES];
    memcpy(img_copy, img, img_size);
    CHECK(programs::stop("travel") == Error::none);  // the source's copy ends
    CHECK(programs::remove("travel") == Error::none);
    CHECK(programs::remove("count") == Error::none);

    // Refused restores: a truncated snapshot, one bound to another image. Nothing is left.
    CHECK(programs::restore("arrived", img_copy, img_size, snap, snap_size - 1) ==
          Error::load_failed);
    CHECK(state_of("arrived") == State::empty);
    static uint8_t forged[sizeof snap];
    memcpy(forged, snap, snap_size);
    forged[snap_size / 2] ^= 0x55;
    char why[160] = "";
    CHECK(programs::restore("arrived", img_copy, img_size, forged, snap_size, why, sizeof why) ==
          Error::load_failed);
    CHECK(why[0] != '\0');
    print("restore refused the forged snapshot: %s\r\n", why);
    CHECK(state_of("arrived") == State::empty);
    CHECK(programs::restore("arrived", img_copy, 16, snap, snap_size) == Error::load_failed);

    clear();
    CHECK(programs::restore("arrived", img_copy, img_size, snap, snap_size) == Error::none);
    CHECK(state_of("arrived") == State::paused);
    CHECK(programs::compile("arrived") == Error::is_running);
    CHECK(programs::resume("arrived") == Error::none);
    CHECK(wait_state("arrived", State::exited, 2000));
    CHECK(strcmp(out, "after") == 0);
    CHECK(programs::status("arrived", st) == Error::none);
    CHECK_EQ(st.exit_code, 9);
    CHECK(programs::compile("arrived") == Error::none);  // an image without source: kept
    CHECK(programs::image("arrived", &img, &img_size) == Error::none);

    test::finish();
}

}  // namespace

int main() {
    test::test_name = "programs_runtime";
    task_create(tester, "tester", tester_main, nullptr, 1, tester_stack);
    start();
}
