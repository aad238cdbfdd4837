// The footprint image: the shell as an application would ship it (shell::start with every
// built-in group, SHELL_* defaults) and nothing else, so that the shell's share of the
// map file is what `./tern bench` reports as shell_text_bytes / shell_ram_bytes
// (tools/bench/mapsize.py; task stacks are counted apart).
#include "tern/board.hpp"
#include "tern/kernel.hpp"
#include "tern/shell.hpp"

namespace {

int board_getc(void*) {
    int c = tern::board::console_getc();
    return c < 0 ? tern::shell::Io::none : c;
}

void board_write(void*, const char* s, size_t n) { tern::port::console_write(s, n); }

const tern::shell::Io console{board_getc, board_write, nullptr};

}  // namespace

int main() {
    tern::shell::start(console);
    tern::start();
}
