// The C runtime's start, shared by every chip port after its own reset entry has done what
// must come first on that CPU: .data copied from flash, .bss cleared, the board set up,
// constructors run, main called. Every board's linker script defines __data_load,
// __data_start, __data_end, __bss_start, __bss_end and the init array bounds.
#include <stdint.h>
#include <string.h>

#include "tern/board.hpp"

extern "C" {
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();

[[noreturn]] void tern_c_runtime_start() {
    memcpy(__data_start, __data_load,
           static_cast<size_t>(reinterpret_cast<char*>(__data_end) -
                               reinterpret_cast<char*>(__data_start)));
    memset(__bss_start, 0,
           static_cast<size_t>(reinterpret_cast<char*>(__bss_end) -
                               reinterpret_cast<char*>(__bss_start)));
    tern::board::init();
    for (auto* f = __init_array_start; f != __init_array_end; ++f) (*f)();
    main();
    for (;;) {
    }
}
}
