// The one interactive session: the line editor, its history and the stream it talks
// over. Kept free of the kernel; run() (run.cpp) adds the polling delay.
#pragma once
#include "history.hpp"
#include "tern/shell.hpp"

namespace tern::shell::session {

History& history();
// Takes over `io`: prints the prompt and starts a fresh line.
void open(const Io& io);
// Feeds every byte the stream has ready to the editor, running finished lines.
// Returns false when the session is over (stream closed, Ctrl-D, request_exit()).
bool pump();

}  // namespace tern::shell::session
