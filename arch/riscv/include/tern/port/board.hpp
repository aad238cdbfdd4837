// What the RISC-V port needs from a board, beyond the constants its tern/board.hpp gives
// (clint_base, mtime_hz, counter_hz, invalid_address): the functions a family's board code
// defines (boards/<family>/<family>.cpp).
#pragma once
#include <stdint.h>

namespace tern::board {

void init();         // console: called by the C runtime before constructors
uint32_t counter();  // free-running counter at counter_hz (mtime's low word)

void console_putc(char c);
int console_getc();   // -1 when no byte is waiting
void external_irq();  // machine external interrupt (PLIC): none used yet
[[noreturn]] void reset();

}  // namespace tern::board
