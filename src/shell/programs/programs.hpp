// Programs from the console: `load <name>` receives C source over the shell's stream into
// the program runtime (include/tern/programs.hpp), and `ccbpf ...` drives it: compile on
// the device, run as a VM in a task named after the program (so `ps` lists it and `kill`
// stops it), pause, resume, stop, list. The commands are thin clients of the runtime.
// A separate library (tern_shell_programs): an image that does not register these
// commands links neither them nor the runtime.
#pragma once

namespace tern::shell {

// Registers load and ccbpf, and sends what programs print to the shell's stream.
void register_program_commands();

// The line that ends a `load` (alone on its line). Ctrl-D ends it too; Ctrl-C abandons it.
inline constexpr const char* load_end_marker = ".";

}  // namespace tern::shell
