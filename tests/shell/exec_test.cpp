// The command table, exec() and an interactive session over a scripted stream: what a
// registered command receives, and what the user is told when a line is wrong.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "screen.hpp"
#include "session.hpp"
#include "tern/shell.hpp"

namespace sh = tern::shell;

namespace {

std::vector<std::string> last_args;
int calls = 0;

int cmd_record(int argc, char** argv) {
    ++calls;
    last_args.assign(argv, argv + argc);
    return 0;
}
int cmd_fail(int, char**) { return 2; }
int cmd_bye(int, char**) {
    sh::request_exit();
    return 0;
}

const sh::Command test_commands[] = {
    {"record", cmd_record, "record [args...]", "Remember the arguments", nullptr},
    {"fail", cmd_fail, "fail <never right>", "Always fails", nullptr},
    {"bye", cmd_bye, "bye", "End the session", nullptr},
    {"record", cmd_fail, "record", "A second 'record': never found", nullptr},
};
sh::CommandGroup test_group{test_commands, 4};

class Exec : public testing::Test {
protected:
    void SetUp() override {
        sh::register_commands(test_group);
        sh::register_commands(test_group);  // twice: harmless
        io = {&Exec::next_key, &Exec::show, this};
        sh::set_io(io);
        last_args.clear();
        calls = 0;
    }
    static void show(void* self, const char* s, size_t n) {
        static_cast<Exec*>(self)->screen.write(s, n);
    }
    static int next_key(void* self) {
        Exec& t = *static_cast<Exec*>(self);
        if (t.keys.empty()) return t.closed ? sh::Io::closed : sh::Io::none;
        int c = static_cast<unsigned char>(t.keys.front());
        t.keys.erase(0, 1);
        return c;
    }
    Screen screen;
    sh::Io io{};
    std::string keys;
    bool closed = false;
};

TEST_F(Exec, RegistrationOrderAndLookup) {
    EXPECT_EQ(sh::find_command("record"), &test_commands[0]);  // the first one wins
    EXPECT_EQ(sh::find_command("bye"), &test_commands[2]);
    EXPECT_EQ(sh::find_command("nope"), nullptr);
    unsigned n = 0;
    while (sh::command_at(n) != nullptr) ++n;
    EXPECT_EQ(n, 4u);  // the group was chained once
}

TEST_F(Exec, HandlerGetsQuotedArguments) {
    EXPECT_EQ(sh::exec("record one \"two words\" 'three'"), 0);
    EXPECT_EQ(last_args, (std::vector<std::string>{"record", "one", "two words", "three"}));
}

TEST_F(Exec, EmptyLineDoesNothing) {
    EXPECT_EQ(sh::exec("   "), 0);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(screen.raw(), "");
}

TEST_F(Exec, UnknownCommandSaysSo) {
    EXPECT_EQ(sh::exec("frobnicate now"), sh::exec_unknown);
    EXPECT_EQ(screen.raw(), "unknown command: frobnicate (try 'help')\r\n");
}

TEST_F(Exec, NonZeroResultPrintsUsage) {
    EXPECT_EQ(sh::exec("fail"), 2);
    EXPECT_EQ(screen.raw(), "usage: fail <never right>\r\n");
}

TEST_F(Exec, SyntaxErrorsAreReportedAndNothingRuns) {
    EXPECT_EQ(sh::exec("record \"open"), sh::exec_syntax);
    EXPECT_EQ(screen.raw(), "error: unterminated quote\r\n");
    std::string many = "record";
    for (int i = 0; i < SHELL_ARGV_MAX; ++i) many += " x";
    EXPECT_EQ(sh::exec(many.c_str()), sh::exec_syntax);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(sh::exec(std::string(SHELL_LINE_MAX + 10, 'r').c_str()), sh::exec_syntax);
}

TEST_F(Exec, SessionRunsTypedLinesAndCompletes) {
    sh::set_prompt("t> ");
    sh::session::open(io);
    keys = "rec\t'a b'\r";
    EXPECT_TRUE(sh::session::pump());
    EXPECT_EQ(last_args, (std::vector<std::string>{"record", "a b"}));
    EXPECT_EQ(screen.row(0), "t> record 'a b'");
    EXPECT_EQ(screen.line(), "t>");
    EXPECT_STREQ(sh::session::history().newest(0), "record 'a b'");
}

TEST_F(Exec, SessionRedrawsThePromptAfterOutputFromElsewhere) {
    sh::set_prompt("t> ");
    sh::session::open(io);
    keys = "rec";
    EXPECT_TRUE(sh::session::pump());
    screen.write("\r\n[job] done\r\n", 14);  // a background task's news
    sh::request_redraw();
    EXPECT_TRUE(sh::session::pump());
    EXPECT_EQ(screen.row(1), "[job] done");
    EXPECT_EQ(screen.line(), "t> rec");
    EXPECT_EQ(screen.column(), 6u);
    EXPECT_TRUE(sh::session::pump());  // once only
    EXPECT_EQ(screen.rows(), 3u);
}

TEST_F(Exec, SessionEndsOnCtrlD) {
    sh::session::open(io);
    keys = "\x04";
    EXPECT_FALSE(sh::session::pump());
}

TEST_F(Exec, SessionEndsWhenTheStreamCloses) {
    sh::session::open(io);
    keys = "record x";  // a line half typed, then the terminal vanishes
    closed = true;
    EXPECT_FALSE(sh::session::pump());
    EXPECT_EQ(calls, 0);
}

TEST_F(Exec, SessionEndsOnRequest) {
    sh::session::open(io);
    keys = "bye\rrecord\r";
    EXPECT_FALSE(sh::session::pump());
    EXPECT_EQ(calls, 0);  // nothing after the exit request runs
}

}  // namespace
