// Programs from the console, on every board: C source received by `load` over the
// shell's stream, compiled on the device, run as a task beside the others, listed by
// ps, stopped by kill.
#include <string.h>

#include "check.hpp"
#include "programs.hpp"
#include "tern/shell.hpp"

using namespace tern;

namespace {

Task tester;
Stack<4096> tester_stack;

char captured[4096];
size_t captured_len = 0;
const char* input = "";

void capture(void*, const char* s, size_t n) {
    for (size_t i = 0; i < n && captured_len + 1 < sizeof captured; ++i) {
        captured[captured_len++] = s[i];
    }
    captured[captured_len] = '\0';
}

int scripted_getc(void*) {
    if (*input == '\0') return shell::Io::none;
    return static_cast<unsigned char>(*input++);
}

void clear() {
    captured_len = 0;
    captured[0] = '\0';
}

bool has(const char* part) {
    if (strstr(captured, part) != nullptr) return true;
    print("FAIL: missing \"%s\" in:\r\n%s\r\n", part, captured);
    return false;
}

// Waits (up to `ms`) for the output to show `part`.
bool wait_for(const char* part, uint32_t ms) {
    for (uint32_t t = 0; t < ms && strstr(captured, part) == nullptr; t += 10) delay(ms_to_ticks(10));
    return has(part);
}

const char hello_source[] =
    "#include \"ccbpf.h\"\r\n"
    "int main(void) {\r\n"
    "\tfor (int i = 0; i < 3; i++) {\r\n"
    "\t\tprintf(\"hello %d\\n\", i);\r\n"
    "\t\tsleep_ms(20);\r\n"
    "\t}\r\n"
    "\treturn 7;\r\n"
    "}\r\n"
    ".\r\n";

const char spin_source[] =
    "#include \"ccbpf.h\"\n"
    "int main(void) { unsigned n = 0; while (1) n++; return 0; }\n"
    ".\n";

const char bad_source[] =
    "#include \"ccbpf.h\"\n"
    "int main(void) { return missing; }\n"
    ".\n";

void tester_main(void*) {
    static const shell::Io io = {scripted_getc, capture, nullptr};
    shell::set_io(io);
    shell::register_task_commands();
    shell::register_program_commands();

    // load: the source arrives over the stream, CR LF and all, up to the '.' line.
    input = hello_source;
    clear();
    CHECK_EQ(shell::exec("load hello"), 0);
    CHECK(has("load: hello: "));
    CHECK(has(" 8 lines\r\n"));
    CHECK(strcmp(input, "\n") == 0);  // up to the marker's CR; its LF is the editor's (an empty line)

    clear();
    shell::exec("ccbpf run hello");
    CHECK(has("ccbpf: hello: "));
    CHECK(has("ccbpf: hello running"));
    CHECK(wait_for("[hello] exited with status 7", 2000));
    CHECK(has("hello 0\r\nhello 1\r\nhello 2\r\n"));

    clear();
    shell::exec("ccbpf list");
    CHECK(has("PROGRAM          SOURCE   IMAGE INSTRUCTIONS  STATE\r\n"));
    CHECK(has("exited 7"));

    // A compile error is reported with its position, and nothing runs.
    input = bad_source;
    shell::exec("load bad");
    clear();
    shell::exec("ccbpf compile bad");
    CHECK(has("bad:2:"));
    CHECK(has("error"));

    // A program that never ends runs beside the tasks, shows in ps, and kill stops it.
    input = spin_source;
    shell::exec("load spin");  // takes the slot 'hello' left (two slots)
    clear();
    shell::exec("ccbpf run spin");
    CHECK(has("ccbpf: spin running"));
    delay(ms_to_ticks(50));
    clear();
    shell::exec("ps");
    CHECK(has("\r\nspin "));
    clear();
    shell::exec("kill spin");
    CHECK(has("kill: delete 'spin': done"));
    CHECK(task_find("spin") == nullptr);
    clear();
    shell::exec("ccbpf list");
    CHECK(has("stopped"));

    // Ctrl-C abandons a load; the slot stays free.
    input = "int x;\n\x03";
    clear();
    shell::exec("load gone");
    CHECK(has("load: cancelled"));
    clear();
    shell::exec("ccbpf run gone");
    CHECK(has("ccbpf: gone: no such program"));

    // A refused load reads its body to the end: nothing of it runs as a command (#21.7).
    input = "ps\nkill tester\n.\n";
    clear();
    shell::exec("load a-name-far-too-long");
    CHECK(has("load: a-name-far-too-long: a program's name has 1 to 15 characters; its source "
              "is read and discarded"));
    CHECK(strstr(captured, "NAME") == nullptr);  // `ps` did not run
    CHECK(*input == '\0');
    CHECK(task_find("tester") != nullptr);

    // A reload replaces the source only when it is complete; a cancelled one keeps the
    // old (#21.8): 'hello' still runs as before.
    clear();
    shell::exec("ccbpf rm bad");
    CHECK_EQ(captured_len, 0);
    input = hello_source;
    shell::exec("load hello");
    input = "int main(void) { return 1; }\n\x03";
    clear();
    shell::exec("load hello");
    CHECK(has("load: cancelled"));
    clear();
    shell::exec("ccbpf run hello");
    CHECK(wait_for("[hello] exited with status 7", 2000));

    // Every slot live: the load is refused at once, and its body swallowed.
    input = spin_source;
    shell::exec("load spin");
    shell::exec("ccbpf run spin");
    shell::exec("ccbpf run hello");  // sleeps 3 x 20 ms: both slots live for a while
    input = "ps\n.\n";
    clear();
    shell::exec("load third");
    CHECK(has("load: third: every program slot is in use; its source is read and discarded"));
    CHECK(strstr(captured, "NAME") == nullptr);
    clear();
    shell::exec("ccbpf stop spin");
    CHECK(has("[spin] stopped"));
    CHECK(wait_for("[hello] exited with status 7", 2000));

    test::finish();
}

}  // namespace

int main() {
    test::test_name = "shell_programs";
    task_create(tester, "tester", tester_main, nullptr, 1, tester_stack);
    start();
}
