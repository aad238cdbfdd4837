// The built-in commands on a running kernel, on every board: what each prints (the table
// layouts), and that ps/top/kill/sleep act on the real tasks.
#include <string.h>

#include "check.hpp"
#include "tern/shell.h"
#include "tern/shell.hpp"

using namespace tern;

namespace {

Task tester, spinner, sleeper;
Stack<1536> tester_stack;  // small enough for a 16 KB board
Stack<512> spinner_stack, sleeper_stack;
volatile uint32_t spins = 0;

char captured[1536];
size_t captured_len = 0;

void capture(void*, const char* s, size_t n) {
    for (size_t i = 0; i < n && captured_len + 1 < sizeof captured; ++i) {
        captured[captured_len++] = s[i];
    }
    captured[captured_len] = '\0';
}

// Runs a command line and returns what it printed.
const char* run(const char* line, int expect_result = 0) {
    captured_len = 0;
    captured[0] = '\0';
    int r = shell::exec(line);
    if (r != expect_result) {
        print("FAIL: '%s' returned %d, expected %d\r\n", line, r, expect_result);
        ++test::failures;
    }
    return captured;
}

bool has(const char* text, const char* part) {
    if (strstr(text, part) != nullptr) return true;
    print("FAIL: missing \"%s\" in:\r\n%s\r\n", part, text);
    return false;
}

// The table row of a task, or null.
const char* row_of(const char* text, const char* name) {
    for (const char* p = text; p != nullptr && *p != '\0';) {
        if (strncmp(p, name, strlen(name)) == 0 && p[strlen(name)] == ' ') return p;
        p = strstr(p, "\r\n");
        if (p != nullptr) p += 2;
    }
    return nullptr;
}

// A command registered through the seed's C interface.
int led_state = -1;
extern "C" int cmd_led(int argc, char* argv[]) {
    if (argc < 2) return 1; /* non-zero -> prints usage */
    led_state = strcmp(argv[1], "on") == 0;
    return 0;
}

void spinner_main(void*) {
    for (;;) {
        Tick start = now();
        while (now() - start < 4) spins = spins + 1;  // busy 4 ticks in 5
        delay(1);
    }
}

void sleeper_main(void*) {
    for (;;) delay(50);
}

void tester_main(void*) {
    static const shell::Io io = {nullptr, capture, nullptr};
    shell::set_io(io);
    shell::register_core_commands();
    shell::register_task_commands();
    shell::register_memory_commands();
    shell::register_system_commands();
    delay(200);  // let CPU shares settle

    const char* out = run("help");
    CHECK(has(out, "Command    Description\r\n"));
    CHECK(has(out, "kill       Control a task by name\r\n"));
    CHECK(has(out, "uptime     Show system uptime (HH:MM:SS or N day(s), HH:MM:SS)\r\n"));
    out = run("help kill");
    CHECK(has(out, "usage: kill <name> [suspend|resume|delete]\r\n  Control a task by name\r\n"));
    CHECK(has(run("help nosuch"), "help: no command 'nosuch'"));

    CHECK(strcmp(run("echo  one \"two  three\""), "one two  three\r\n") == 0);
    CHECK(strcmp(run("clear"), "\x1b[2J\x1b[H") == 0);
    CHECK(has(run("frobnicate", shell::exec_unknown), "unknown command: frobnicate (try 'help')"));

    out = run("ps");
    CHECK(strncmp(out, "NAME             STATE      PRI   CPU%  STACK USED/SIZE\r\n", 57) == 0);
    CHECK(row_of(out, "spinner") != nullptr);
    CHECK(row_of(out, "sleeper") != nullptr);
    CHECK(row_of(out, "idle") != nullptr);
    CHECK(row_of(out, "tester") != nullptr);

    // top: a summary line, the header, then the busiest task first.
    out = run("top");
    CHECK(strncmp(out, "up 00:00:", 9) == 0);
    const char* header = strstr(out, "\r\nNAME ");
    CHECK(header != nullptr);
    if (header != nullptr) {
        const char* first = strstr(header + 2, "\r\n");
        CHECK(first != nullptr && strncmp(first + 2, "spinner ", 8) == 0);
    }

    CHECK(has(run("kill sleeper suspend"), "kill: suspend 'sleeper': done"));
    TaskStats st;
    task_get_stats(sleeper, st);
    CHECK(st.state == TaskState::suspended || st.state == TaskState::blocked);
    CHECK(has(run("kill sleeper resume"), "kill: resume 'sleeper': done"));
    CHECK(has(run("kill nosuch"), "kill: delete 'nosuch': no such task"));
    CHECK(has(run("kill tester"), "kill: delete 'tester': refused: it must keep running"));
    CHECK(has(run("kill idle suspend"), "kill: suspend 'idle': refused: it must keep running"));
    CHECK(has(run("kill sleeper explode", 1), "usage: kill <name> [suspend|resume|delete]"));
    CHECK(has(run("kill spinner"), "kill: delete 'spinner': done"));
    CHECK(task_find("spinner") == nullptr);
    CHECK(row_of(run("ps"), "spinner") == nullptr);

    out = run("mem");
    CHECK(has(out, "HEAP        TOTAL     USED     FREE  LARGEST   ALLOCS    FREES\r\n"));
    CHECK(has(out, "kernel "));

    CHECK(strncmp(run("ver"), "tern ", 5) == 0);
    CHECK(has(captured, "uptime 00:00:"));
    out = run("uptime");
    CHECK(strlen(out) == 10 && out[2] == ':' && out[5] == ':');

    // The seed's C names: shell_register_cmd, shell_exec.
    CHECK_EQ(shell_register_cmd("led", cmd_led, "led <on|off> Toggle LED"), 0);
    CHECK_EQ(shell_exec("led on"), 0);
    CHECK_EQ(led_state, 1);
    // The seed's help text is usage and description in one: each is shown once, where it
    // belongs (issue 22 item 5: `help` showed "led        led <on|off> Toggle LED").
    CHECK(has(run("led", 1), "usage: led <on|off>\r\n"));
    CHECK(has(run("help"), "led        Toggle LED\r\n"));
    CHECK(has(run("help led"), "usage: led <on|off>\r\n  Toggle LED\r\n"));
    CHECK_EQ(shell_register_cmd("beep", cmd_led, "Sound the buzzer"), 0);
    CHECK(has(run("help"), "beep       Sound the buzzer\r\n"));
    CHECK(has(run("help beep"), "usage: beep\r\n  Sound the buzzer\r\n"));
    CHECK_EQ(shell_register_cmd("mode", cmd_led, "mode fast|slow"), 0);
    CHECK(has(run("help"), "mode       mode fast|slow\r\n"));
    CHECK_EQ(shell_register_cmd(nullptr, cmd_led, "x"), -1);

    Tick before = now();
    CHECK(strcmp(run("sleep 30"), "") == 0);
    CHECK(now() - before >= ms_to_ticks(30));
    CHECK(has(run("sleep", 1), "usage: sleep <ms>"));
    CHECK(has(run("sleep 10ms", 1), "usage: sleep <ms>"));

    test::finish();
}

}  // namespace

int main() {
    test::test_name = "shell_commands";
    task_create(tester, "tester", tester_main, nullptr, 5, tester_stack);
    task_create(spinner, "spinner", spinner_main, nullptr, 3, spinner_stack);
    task_create(sleeper, "sleeper", sleeper_main, nullptr, 4, sleeper_stack);
    start();
}
