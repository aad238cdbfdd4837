// The line editor against recorded key sequences: bytes in as a terminal sends them,
// the screen (as a VT100 would show it), the line, the cursor and the history out.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "line_editor.hpp"
#include "screen.hpp"

using tern::shell::Completion;
using tern::shell::History;
using tern::shell::LineEditor;

namespace {

const char* const command_names[] = {"help", "history", "hello", "ps", "kill"};

void test_source(const char* line, size_t word_start, Completion& out) {
    if (word_start == 0) {
        for (const char* name : command_names) out.offer(name);
    } else if (strncmp(line, "kill ", 5) == 0) {
        out.offer("worker");
        out.offer("blink");
    }
}

class Editor : public testing::Test {
protected:
    void SetUp() override {
        io = screen.io();
        editor.attach(&io, &history, test_source);
        editor.begin("> ");
    }
    // Types keys as a terminal sends them; finished lines are kept (and put in the
    // history) and a new prompt printed, as the shell does.
    void type(const std::string& keys) {
        for (char c : keys) {
            LineEditor::Event e = editor.feed(static_cast<uint8_t>(c));
            if (e == LineEditor::Event::line) {
                lines.push_back(editor.line());
                history.add(editor.line(), editor.length());
                editor.begin("> ");
            } else if (e == LineEditor::Event::eof) {
                ++eofs;
            }
        }
    }
    std::string line() const { return editor.line(); }

    Screen screen;
    tern::shell::Io io{};
    History history;
    LineEditor editor;
    std::vector<std::string> lines;
    int eofs = 0;
};

const std::string left = "\x1b[D", right = "\x1b[C", up = "\x1b[A", down = "\x1b[B";

TEST_F(Editor, TypingEchoesAfterThePrompt) {
    type("hello");
    EXPECT_EQ(screen.line(), "> hello");
    EXPECT_EQ(screen.column(), 7u);
    EXPECT_EQ(line(), "hello");
    EXPECT_EQ(editor.cursor(), 5u);
}

// A typed character is echoed as itself: no erase-to-end after each one (issue 22 item 5),
// which a slow UART and a terminal log both pay for. An edit that shortens the line clears.
TEST_F(Editor, TypingEchoesOnlyTheCharacters) {
    type("hello");
    EXPECT_EQ(screen.raw(), "> hello");
    type("\x7f");
    EXPECT_EQ(screen.raw(), "> hello\b\x1b[K");
    EXPECT_EQ(screen.line(), "> hell");
}

TEST_F(Editor, InsertInTheMiddle) {
    type("helo" + left + "l");
    EXPECT_EQ(line(), "hello");
    EXPECT_EQ(screen.line(), "> hello");
    EXPECT_EQ(editor.cursor(), 4u);
    EXPECT_EQ(screen.column(), 6u);
}

TEST_F(Editor, CtrlBAndCtrlFMoveLikeArrows) {
    type("abc\x02\x02X\x06Y");
    EXPECT_EQ(line(), "aXbYc");
    EXPECT_EQ(screen.line(), "> aXbYc");
    EXPECT_EQ(screen.column(), 2u + editor.cursor());
}

TEST_F(Editor, CursorStopsAtBothEnds) {
    type("ab" + left + left + left + "X" + right + right + right + "Y");
    EXPECT_EQ(line(), "XabY");
    EXPECT_EQ(screen.line(), "> XabY");
}

TEST_F(Editor, EveryHomeFormJumpsToTheStart) {
    for (const std::string home : {"\x1b[H", "\x1b[1~", "\x1bOH", "\x1b[7~", "\x01"}) {
        type("abc" + home + "X\r");
        EXPECT_EQ(lines.back(), "Xabc") << "home sent as " << home.substr(1);
    }
}

TEST_F(Editor, EveryEndFormJumpsToTheEnd) {
    for (const std::string end : {"\x1b[F", "\x1b[4~", "\x1bOF", "\x1b[8~", "\x05"}) {
        type("abc\x01" + end + "X\r");
        EXPECT_EQ(lines.back(), "abcX") << "end sent as " << end.substr(1);
    }
}

TEST_F(Editor, ModifiedArrowsMoveLikePlainOnes) {
    type("abc\x1b[1;5D\x1b[1;5DX");  // Ctrl-Left twice
    EXPECT_EQ(line(), "aXbc");
}

TEST_F(Editor, Ss3SequencesReadLikeCsi) {
    type("abc\x1bOD\x1bO5DX");  // ESC O D, and with a modifier as some terminals send it
    EXPECT_EQ(line(), "aXbc");
    type("\x1bOA");  // Up in application mode: the (empty) history rings the bell
    EXPECT_EQ(screen.bells(), 1);
}

TEST_F(Editor, DeleteOnAnEmptyLineIsNotCtrlD) {
    type("\x1b[3~");
    EXPECT_EQ(eofs, 0);
    type("ab\x01\x1b[3~");
    EXPECT_EQ(line(), "b");
}

TEST_F(Editor, EscapeSequenceSplitAcrossReads) {
    type("ab\x1b");
    type("[");
    EXPECT_EQ(line(), "ab");
    type("D");
    type("X");
    EXPECT_EQ(line(), "aXb");
    type("\x1b[");
    type("3");
    type("~");  // delete under the cursor: the 'b'
    EXPECT_EQ(line(), "aX");
    EXPECT_EQ(screen.line(), "> aX");
}

TEST_F(Editor, BackspaceMidLineLeavesNoTrace) {
    type("abcd" + left + left + "\x7f");
    EXPECT_EQ(line(), "acd");
    EXPECT_EQ(screen.line(), "> acd");
    EXPECT_EQ(screen.column(), 3u);
    type("\b\b");  // BS as ^H too; the second one is at the start: nothing
    EXPECT_EQ(line(), "cd");
    EXPECT_EQ(screen.line(), "> cd");
}

TEST_F(Editor, CtrlDDeletesUnderTheCursorOrEndsOnAnEmptyLine) {
    type("abc\x01\x04");
    EXPECT_EQ(line(), "bc");
    EXPECT_EQ(eofs, 0);
    type("\x05\x15\x04");
    EXPECT_EQ(eofs, 1);
}

TEST_F(Editor, CtrlKKillsToTheEnd) {
    type("hello world" + std::string(5, '\x02') + "\x0b");
    EXPECT_EQ(line(), "hello ");
    EXPECT_EQ(screen.line(), "> hello");
}

TEST_F(Editor, CtrlUKillsToTheStart) {
    type("hello world" + std::string(5, '\x02') + "\x15");
    EXPECT_EQ(line(), "world");
    EXPECT_EQ(screen.line(), "> world");
    EXPECT_EQ(screen.column(), 2u);
}

TEST_F(Editor, CtrlWKillsThePreviousWord) {
    type("echo hello  \x17");
    EXPECT_EQ(line(), "echo ");
    type("big world\x02\x02\x17");  // from inside a word: its start up to the cursor
    EXPECT_EQ(line(), "echo big ld");
    EXPECT_EQ(screen.line(), "> echo big ld");
}

TEST_F(Editor, CtrlLClearsAndRedraws) {
    type("first\r");
    type("abc\x02\x0c");
    EXPECT_EQ(screen.clears(), 1);
    EXPECT_EQ(screen.row_index(), 0u);
    EXPECT_EQ(screen.row(0), "> abc");
    EXPECT_EQ(screen.column(), 4u);
    EXPECT_EQ(line(), "abc");
}

TEST_F(Editor, CtrlCCancelsTheLine) {
    type("rm everything\x03");
    EXPECT_TRUE(lines.empty());
    EXPECT_EQ(screen.row(0), "> rm everything^C");
    EXPECT_EQ(screen.line(), ">");
    EXPECT_EQ(line(), "");
}

TEST_F(Editor, CrLfAndCrLfPairAreEachOneEnter) {
    type("a\rb\nc\r\nd\r\r");
    EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c", "d", ""}));
}

TEST_F(Editor, HistoryUpAndDown) {
    type("one\rtwo\r");
    type(up);
    EXPECT_EQ(line(), "two");
    EXPECT_EQ(screen.line(), "> two");
    type(up);
    EXPECT_EQ(line(), "one");
    EXPECT_EQ(screen.line(), "> one");
    type(up);  // nothing older: stays, rings the bell
    EXPECT_EQ(line(), "one");
    EXPECT_EQ(screen.bells(), 1);
    type(down);
    EXPECT_EQ(line(), "two");
    type(down);
    EXPECT_EQ(line(), "");
    EXPECT_EQ(screen.line(), ">");
    type("\x10\x10\x0e");  // Ctrl-P Ctrl-P Ctrl-N
    EXPECT_EQ(line(), "two");
}

TEST_F(Editor, RecalledLineCanBeEditedAndRun) {
    type("echo one\r" + up + "\x7f\x7f\x7ftwo\r");
    EXPECT_EQ(lines.back(), "echo two");
    EXPECT_EQ(history.count(), 2u);
    EXPECT_STREQ(history.newest(0), "echo two");
    EXPECT_STREQ(history.newest(1), "echo one");
}

TEST_F(Editor, HistorySkipsRepeatsAndEmptyLines) {
    type("ps\rps\r\r   \rps\r");
    EXPECT_EQ(history.count(), 1u);
}

TEST_F(Editor, HistoryKeepsTheConfiguredDepth) {
    for (int i = 0; i < 12; ++i) type("cmd" + std::to_string(i) + "\r");
    EXPECT_EQ(history.count(), static_cast<unsigned>(SHELL_HISTORY_DEPTH));
    EXPECT_STREQ(history.newest(0), "cmd11");
    EXPECT_STREQ(history.at(0), ("cmd" + std::to_string(12 - SHELL_HISTORY_DEPTH)).c_str());
    for (int i = 0; i < SHELL_HISTORY_DEPTH; ++i) type(up);
    EXPECT_EQ(line(), "cmd" + std::to_string(12 - SHELL_HISTORY_DEPTH));
}

TEST_F(Editor, LongLinesPushOutOlderHistory) {
    std::string long_line(120, 'x');
    for (int i = 0; i < 8; ++i) type(long_line + std::to_string(i) + "\r");
    EXPECT_LE(history.count() * 122u, static_cast<unsigned>(SHELL_HISTORY_BYTES));
    EXPECT_EQ(history.newest(0), long_line + "7");
}

TEST_F(Editor, TabCompletesAUniqueCommandWithASpace) {
    type("hi\t");
    EXPECT_EQ(line(), "history ");
    EXPECT_EQ(screen.line(), "> history");
    EXPECT_EQ(screen.column(), 10u);
}

TEST_F(Editor, TabExtendsToTheCommonPrefixThenLists) {
    type("he\t");
    EXPECT_EQ(line(), "hel");
    type("\t");
    EXPECT_EQ(screen.row(1), "help  hello");
    EXPECT_EQ(screen.line(), "> hel");
    EXPECT_EQ(screen.column(), 5u);
    type("p\t");
    EXPECT_EQ(line(), "help ");
}

TEST_F(Editor, TabWithNoMatchRingsTheBell) {
    type("zz\t");
    EXPECT_EQ(line(), "zz");
    EXPECT_EQ(screen.bells(), 1);
}

TEST_F(Editor, TabCompletesArgumentsWhereTheCommandOffers) {
    type("kill w\t");
    EXPECT_EQ(line(), "kill worker ");
    type("\x15ps w\t");
    EXPECT_EQ(line(), "ps w");
}

TEST_F(Editor, TabInTheMiddleOfTheLine) {
    type("hi ps" + left + left + left + "\t");
    EXPECT_EQ(line(), "history ps");
    EXPECT_EQ(screen.line(), "> history ps");
}

TEST_F(Editor, OverlongLineIsRefusedWithAMessageAndNeverRuns) {
    std::string max(LineEditor::max_length, 'a');
    type(max);
    EXPECT_EQ(line(), max);
    type("bcdefgh");  // one past the limit, and more pasted after it
    EXPECT_NE(screen.text().find("error: line too long (max 127 characters)"), std::string::npos);
    type("\r");
    EXPECT_TRUE(lines.empty());
    EXPECT_EQ(screen.line(), ">");
    type("ps\r");  // the editor is usable again
    EXPECT_EQ(lines, std::vector<std::string>{"ps"});
}

TEST_F(Editor, BinaryGarbageIsIgnored) {
    type("ok");
    std::string garbage;
    for (int b = 0x80; b <= 0xff; ++b) garbage += static_cast<char>(b);
    garbage += std::string("\x00\x0f\x11\x12\x13\x14\x16\x18\x19\x1a\x1c\x1d\x1e\x1f", 14);
    type(garbage);
    EXPECT_EQ(line(), "ok");
    EXPECT_EQ(screen.line(), "> ok");
}

TEST_F(Editor, UnknownAndRunawaySequencesAreSwallowed) {
    type("\x1b[99;99Z\x1b[200~a\x1b[201~\x1bOPb");  // unknown CSI, paste brackets, F1
    EXPECT_EQ(line(), "ab");
    type("\x1b[" + std::string(40, '1') + "c");  // a sequence that never ends: abandoned
    type("\x15xyz");
    EXPECT_EQ(line(), "xyz");
}

TEST_F(Editor, RandomBytesNeverBreakTheEditor) {
    std::mt19937 rng(7);
    for (int i = 0; i < 200000; ++i) {
        type(std::string(1, static_cast<char>(rng() & 0xff)));
        ASSERT_LE(editor.length(), LineEditor::max_length);
        ASSERT_LE(editor.cursor(), editor.length());
        ASSERT_EQ(strlen(editor.line()), editor.length());
    }
    type("\x03ps\r");
    EXPECT_EQ(lines.back(), "ps");
}

TEST_F(Editor, NoOutputStreamIsFine) {
    editor.attach(nullptr, &history, test_source);  // e.g. the terminal vanished
    type("abc" + left + "\x7f\t\x0c\r");
    EXPECT_EQ(lines.back(), "ac");
}

}  // namespace
