// The footprint image: the shell as an application would ship it (shell::start with every
// built-in group, SHELL_* defaults) and nothing else, so that the shell's share of the
// map file is what `./tern bench` reports as shell_text_bytes / shell_ram_bytes
// (tools/bench/mapsize.py; task stacks are counted apart).
#include "tern/board.hpp"
#include "tern/kernel.hpp"
#include "tern/shell.hpp"

namespace {

// The boards' console_getc() answers -1 when no byte is waiting: Io's `none`.
static_assert(tern::shell::Io::none == -1);
int board_getc(void*) {
    return tern::board::console_getc();
}

void board_write(void*, const char* s, size_t n) { tern::port::console_write(s, n); }

const tern::shell::Io console{board_getc, board_write, nullptr};

}  // namespace

int main() {
    tern::shell::start(console);
    tern::start();
}
