#include "args.hpp"

namespace tern::shell {

int split_args(char* line, char** argv, int max, SplitError* error) {
    *error = SplitError::none;
    int argc = 0;
    char* in = line;
    for (;;) {
        while (*in == ' ' || *in == '\t') ++in;
        if (*in == '\0') break;
        if (argc >= max) {
            *error = SplitError::too_many;
            return -1;
        }
        // The word is compacted in place: out never runs ahead of in.
        char* out = in;
        argv[argc++] = out;
        char quote = 0;
        for (;;) {
            char c = *in;
            if (c == '\0') break;
            ++in;
            if (quote == 0 && (c == ' ' || c == '\t')) break;
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && *in != '\0') {
                *out++ = *in++;
            } else {
                *out++ = c;
            }
        }
        if (quote != 0) {
            *error = SplitError::unterminated_quote;
            return -1;
        }
        *out = '\0';  // at or before the separator just consumed
    }
    argv[argc] = nullptr;
    return argc;
}

}  // namespace tern::shell
