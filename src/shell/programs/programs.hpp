// Programs from the console: `load <name>` receives C source over the shell's stream,
// `ccbpf compile|run <name>` compiles it on the device and runs it as a ccBPF VM in a
// task of its own (named after the program, so `ps` lists it and `kill` stops it).
// A separate library (tern_shell_programs): the compiler and the program slots are large,
// and an image that does not register these commands does not link them.
#pragma once

#ifndef SHELL_PROGRAM_SLOTS
#define SHELL_PROGRAM_SLOTS 2  // programs loaded at once
#endif
#ifndef SHELL_PROGRAM_SOURCE_BYTES
#define SHELL_PROGRAM_SOURCE_BYTES 8192  // C source per program
#endif
#ifndef SHELL_PROGRAM_IMAGE_BYTES
#define SHELL_PROGRAM_IMAGE_BYTES 8192  // compiled image per program
#endif
#ifndef SHELL_PROGRAM_MEMORY_BYTES
#define SHELL_PROGRAM_MEMORY_BYTES 16384  // VM memory per program: globals + its stack
#endif
#ifndef SHELL_PROGRAM_VM_STACK_BYTES
#define SHELL_PROGRAM_VM_STACK_BYTES 8192  // the VM stack each program is compiled for
#endif
#ifndef SHELL_COMPILER_ARENA_BYTES
#define SHELL_COMPILER_ARENA_BYTES 65536  // the compiler's working memory (one compile at a time)
#endif
#ifndef SHELL_COMPILER_STACK_BYTES
#define SHELL_COMPILER_STACK_BYTES 16384  // the compiler task's stack (it recurses)
#endif
#ifndef SHELL_PROGRAM_STACK_BYTES
#define SHELL_PROGRAM_STACK_BYTES 1024  // a program task's stack (the VM's own stack is
#endif                                  // in its memory)
#ifndef SHELL_PROGRAM_PRIORITY
#define SHELL_PROGRAM_PRIORITY 1  // the shell's: a busy program shares the CPU with it
#endif

namespace tern::shell {

void register_program_commands();  // load, ccbpf

// The line that ends a `load` (alone on its line). Ctrl-D ends it too; Ctrl-C abandons it.
inline constexpr const char* load_end_marker = ".";

}  // namespace tern::shell
