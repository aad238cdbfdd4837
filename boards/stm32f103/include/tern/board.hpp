// This board is mps2-an385's hardware (same QEMU machine or FPGA map): its board interface
// (init, counter, the wake timer, console_putc, console_getc) is mps2-an385's. A header of
// its own lets code that looks for boards/<board>/include/tern/board.hpp find it.
#pragma once
#include "../../../mps2-an385/include/tern/board.hpp"
