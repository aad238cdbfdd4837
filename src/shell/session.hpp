// The one interactive session: the line editor, its history and the stream it talks
// over. Kept free of the kernel; run() (run.cpp) adds the polling delay. Also the pieces
// of the command table the built-in commands share.
#pragma once
#include <stddef.h>

#include "history.hpp"
#include "tern/shell.hpp"

namespace tern::shell {

// The command whose name is the first `length` characters of `name`, or null.
const Command* find_command(const char* name, size_t length);
// Offers every command name (the first word's completion, and help's argument's).
void offer_command_names(Offer offer, void* ctx);
// "usage: <usage, or the name>" and a line end.
void print_usage(const Command& c);

namespace session {

History& history();
// Takes over `io`: prints the prompt and starts a fresh line.
void open(const Io& io);
// Feeds every byte the stream has ready to the editor, running finished lines.
// Returns false when the session is over (stream closed, Ctrl-D, request_exit()).
bool pump();

}  // namespace session
}  // namespace tern::shell
