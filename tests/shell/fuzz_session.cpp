// libFuzzer target: arbitrary bytes typed at a shell session. Everything between the
// stream and a handler runs for real: key decoding, the line editor, history, completion,
// argument splitting, the command table and exec(). The commands are a small table of the
// harness's own, one with argument completion, so that the fuzzer reaches every path of
// the core without a running kernel. ASan and UBSan judge; the harness checks that a
// handler never sees more words than SHELL_ARGV_MAX or a null word.
#include <stdint.h>
#include <string.h>

#include "session.hpp"
#include "tern/port.hpp"
#include "tern/shell.hpp"

namespace tern::port {
// The kernel's formatter links its console writer; the shell never calls it.
void console_write(const char*, size_t) {}
}  // namespace tern::port

namespace {

using namespace tern::shell;

struct Stream {
    const uint8_t* data;
    size_t size;
    size_t at;
};

int stream_getc(void* ctx) {
    auto* s = static_cast<Stream*>(ctx);
    if (s->at == s->size) return Io::closed;
    uint8_t b = s->data[s->at++];
    return b == 0xff ? Io::none : b;  // 0xff: "nothing yet", as a UART between bytes
}

void stream_write(void*, const char* s, size_t n) {
    volatile char sink = 0;  // touches every byte written, so ASan sees a bad pointer
    for (size_t i = 0; i < n; ++i) sink = static_cast<char>(sink ^ s[i]);
}

int check_words(int argc, char** argv) {
    if (argc < 1 || argc > SHELL_ARGV_MAX || argv[argc] != nullptr) __builtin_trap();
    for (int i = 0; i < argc; ++i) {
        if (argv[i] == nullptr) __builtin_trap();
        printf("%s%s", i ? " " : "", argv[i]);
    }
    puts("\r\n");
    return argc > 3;  // sometimes a usage line
}

int run_nested(int argc, char** argv) {  // exec() from a handler, as a script command would
    return argc == 2 ? exec(argv[1]) : 1;
}

int leave(int, char**) {
    request_exit();
    return 0;
}

void complete_colour(int arg_index, const char*, Offer offer, void* ctx) {
    static const char* const colours[] = {"red", "green", "grey", "blue", "green"};
    if (arg_index > 2) return;
    for (const char* c : colours) offer(c, ctx);
}

const Command commands[] = {
    {"echo", check_words, "echo <text>", "Print text", nullptr},
    {"paint", check_words, "paint <colour> [colour]", "Words with completion", complete_colour},
    {"painter", check_words, nullptr, nullptr, nullptr},
    {"run", run_nested, "run <line>", "exec() a line", nullptr},
    {"exit", leave, nullptr, "End the session", nullptr},
};
CommandGroup group{commands, sizeof commands / sizeof commands[0]};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    register_commands(group);  // idempotent
    session::history().clear();
    Stream s{data, size, 0};
    session::open({stream_getc, stream_write, &s});
    while (session::pump()) {
        if (s.at == s.size) break;
    }
    return 0;
}
