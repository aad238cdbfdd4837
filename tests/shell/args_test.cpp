// Splitting command lines: words, quotes, escapes, and the limits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "args.hpp"
#include <string.h>

using tern::shell::split_args;
using tern::shell::SplitError;

namespace {

std::vector<std::string> split(const std::string& line, int max = 16,
                               SplitError* error_out = nullptr) {
    std::vector<char> buf(line.begin(), line.end());
    buf.push_back('\0');
    std::vector<char*> argv(static_cast<size_t>(max) + 1, nullptr);
    int argc = split_args(buf.data(), argv.data(), max);
    if (error_out != nullptr && argc < 0) *error_out = static_cast<SplitError>(argc);
    std::vector<std::string> out;
    if (argc < 0) return {"<error>"};
    EXPECT_EQ(argv[static_cast<size_t>(argc)], nullptr);
    for (int i = 0; i < argc; ++i) out.push_back(argv[static_cast<size_t>(i)]);
    return out;
}

using Words = std::vector<std::string>;

TEST(SplitArgs, Words) {
    EXPECT_EQ(split("kill worker suspend"), (Words{"kill", "worker", "suspend"}));
    EXPECT_EQ(split("  echo \t a   b  "), (Words{"echo", "a", "b"}));
    EXPECT_EQ(split(""), Words{});
    EXPECT_EQ(split("   "), Words{});
}

TEST(SplitArgs, Quotes) {
    EXPECT_EQ(split("echo \"a b\"  'c  d'"), (Words{"echo", "a b", "c  d"}));
    EXPECT_EQ(split("echo pre\"mid dle\"post"), (Words{"echo", "premid dlepost"}));
    EXPECT_EQ(split("echo \"\" ''"), (Words{"echo", "", ""}));
    EXPECT_EQ(split("echo \"it's\" 'say \"hi\"'"), (Words{"echo", "it's", "say \"hi\""}));
}

TEST(SplitArgs, Backslashes) {
    EXPECT_EQ(split("echo a\\ b \\\"q\\\""), (Words{"echo", "a b", "\"q\""}));
    EXPECT_EQ(split("echo \"x\\\"y\""), (Words{"echo", "x\"y"}));
    EXPECT_EQ(split("echo 'x\\y'"), (Words{"echo", "x\\y"}));
    EXPECT_EQ(split("echo end\\"), (Words{"echo", "end\\"}));
}

TEST(SplitArgs, UnterminatedQuoteIsAnError) {
    SplitError e;
    EXPECT_EQ(split("echo \"abc", 16, &e), Words{"<error>"});
    EXPECT_EQ(e, tern::shell::unterminated_quote);
    EXPECT_EQ(split("echo 'abc", 16, &e), Words{"<error>"});
}

TEST(SplitArgs, TooManyArguments) {
    SplitError e;
    EXPECT_EQ(split("a b c", 3, &e), (Words{"a", "b", "c"}));
    EXPECT_EQ(split("a b c d", 3, &e), Words{"<error>"});
    EXPECT_EQ(e, tern::shell::too_many);
}

}  // namespace

#include "text.hpp"

namespace {

std::string uptime(uint32_t seconds) {
    char buf[tern::shell::uptime_text_max];
    size_t n = tern::shell::uptime_text(buf, seconds);
    EXPECT_EQ(n, strlen(buf));
    return buf;
}

TEST(UptimeText, HoursMinutesSecondsThenDays) {
    EXPECT_EQ(uptime(0), "00:00:00");
    EXPECT_EQ(uptime(59), "00:00:59");
    EXPECT_EQ(uptime(3600 + 2 * 60 + 3), "01:02:03");
    EXPECT_EQ(uptime(86399), "23:59:59");
    EXPECT_EQ(uptime(86400), "1 day, 00:00:00");
    EXPECT_EQ(uptime(2 * 86400 + 3 * 3600 + 4 * 60 + 5), "2 days, 03:04:05");
    EXPECT_EQ(uptime(0xFFFFFFFFu), "49710 days, 06:28:15");
}

}  // namespace
