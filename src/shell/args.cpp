#include "args.hpp"

namespace tern::shell {

int split_args(char* line, char** argv, int max) {
    int argc = 0;
    char* in = line;
    char* out = line;  // words are compacted in place: out never runs ahead of in
    for (;;) {
        while (*in == ' ' || *in == '\t') ++in;
        if (*in == '\0') break;
        if (argc >= max) return too_many;
        argv[argc++] = out;
        char quote = 0;
        for (char c; (c = *in) != '\0';) {
            ++in;
            if (c == quote) {
                quote = 0;  // the closing quote
            } else if (quote == 0 && (c == ' ' || c == '\t')) {
                break;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else {
                if (c == '\\' && quote != '\'' && *in != '\0') c = *in++;
                *out++ = c;
            }
        }
        if (quote != 0) return unterminated_quote;
        *out++ = '\0';  // at or before the separator just consumed
    }
    argv[argc] = nullptr;
    return argc;
}

}  // namespace tern::shell
