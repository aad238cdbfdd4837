// RISC-V reset, after _start (trap.S) has set gp, sp and mtvec: the C runtime's start-up.
// The linker script of every RISC-V board defines __data_load, __data_start, __data_end,
// __bss_start, __bss_end.
#include <stdint.h>
#include <string.h>

#include "tern/board.hpp"

extern "C" {
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();

[[noreturn]] void tern_riscv_reset() {
    memcpy(__data_start, __data_load,
           static_cast<size_t>(reinterpret_cast<char*>(__data_end) -
                               reinterpret_cast<char*>(__data_start)));
    memset(__bss_start, 0,
           static_cast<size_t>(reinterpret_cast<char*>(__bss_end) -
                               reinterpret_cast<char*>(__bss_start)));
    // No timer match until the port programs one (mtimecmp's high word).
    *reinterpret_cast<volatile uint32_t*>(tern::board::clint_base + 0x4004) = 0xFFFFFFFFu;
    tern::board::init();
    for (auto* f = __init_array_start; f != __init_array_end; ++f) (*f)();
    main();
    for (;;) {
    }
}
}
