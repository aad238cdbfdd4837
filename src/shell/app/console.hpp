// The console the shell app talks over: the board's (or the host terminal's) byte stream.
#pragma once
#include "tern/shell.hpp"

namespace shell_app {

// Prepares the console (raw mode on a host terminal) and returns its stream.
const tern::shell::Io& console_open();
// Puts the console back as it was (the host terminal's cooked mode).
void console_close();

// A few tasks so that ps, top and kill have something to show.
void demo_tasks_create();

}  // namespace shell_app
