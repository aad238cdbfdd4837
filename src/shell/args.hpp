// Splits a command line into argv in place: words separated by spaces or tabs,
// "double" and 'single' quotes group words, a backslash takes the next character
// literally (except inside single quotes).
#pragma once

namespace tern::shell {

enum class SplitError : signed char { none, unterminated_quote, too_many };

// Fills argv (at most max entries, then a null: argv holds max + 1) and returns argc, or -1 with *error set.
int split_args(char* line, char** argv, int max, SplitError* error);

}  // namespace tern::shell
