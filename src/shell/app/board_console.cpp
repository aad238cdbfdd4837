// A board's console UART as the shell's stream: the board polls its receiver
// (board::console_getc, -1 when empty) and the port writes.
#include "console.hpp"
#include "tern/board.hpp"
#include "tern/port.hpp"

namespace shell_app {

namespace {

int board_getc(void*) {
    int c = tern::board::console_getc();
    return c < 0 ? tern::shell::Io::none : c;
}

void board_write(void*, const char* s, size_t n) { tern::port::console_write(s, n); }

const tern::shell::Io board_io = {board_getc, board_write, nullptr};

}  // namespace

const tern::shell::Io& console_open() { return board_io; }
void console_close() {}

}  // namespace shell_app
