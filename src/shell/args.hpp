// Splits a command line into argv in place: words separated by spaces or tabs,
// "double" and 'single' quotes group words, a backslash takes the next character
// literally (except inside single quotes).
#pragma once

namespace tern::shell {

// What split_args returns instead of argc when the line cannot be split.
enum SplitError : int { unterminated_quote = -1, too_many = -2 };

// Fills argv (at most max entries, then a null: argv holds max + 1) and returns argc, or
// a SplitError.
int split_args(char* line, char** argv, int max);

}  // namespace tern::shell
