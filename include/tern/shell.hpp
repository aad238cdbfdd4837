// The interactive shell: a VT100 line editor over any byte stream (UART, a host terminal,
// later a socket), a table of commands that each subsystem registers, and the built-ins.
//
//   static const tern::shell::Command led_cmds[] = {
//       {"led", cmd_led, "led <on|off>", "Switch the LED", nullptr},
//   };
//   static tern::shell::CommandGroup led_group{led_cmds, 1};
//   tern::shell::register_commands(led_group);   // before or after start()
//   tern::shell::start(io);                        // the shell task
//
// Static memory only: the shell owns a line buffer, a packed history ring and (when
// start() is used) its task's stack. Groups live in the registering subsystem, usually
// in flash (the commands) plus 12 bytes of RAM (the group node).
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

// Configuration (the seed's names). Override with -D on the tern_shell library.
#ifndef SHELL_MAX_COMMANDS
#define SHELL_MAX_COMMANDS 32  // commands registered one by one (shell_register_cmd)
#endif
#ifndef SHELL_LINE_MAX
#define SHELL_LINE_MAX 128  // input line, bytes including the terminating NUL
#endif
#ifndef SHELL_ARGV_MAX
#define SHELL_ARGV_MAX 16  // arguments per command, the command name included
#endif
#ifndef SHELL_HISTORY_DEPTH
#define SHELL_HISTORY_DEPTH 8  // history entries kept (0 = no history)
#endif
#ifndef SHELL_HISTORY_BYTES
#define SHELL_HISTORY_BYTES 512  // packed history store; long lines push old ones out sooner
#endif
#ifndef SHELL_STACK_BYTES
// The shell task's stack, in Cortex-M terms (a port scales Stack<> to its own needs: RV32
// gets about a third more). On a Cortex-M3 `top`, the deepest built-in, peaks at 536 bytes
// (`ps` shows the high water).
#define SHELL_STACK_BYTES 704
#endif
#ifndef SHELL_PRIORITY
#define SHELL_PRIORITY 1  // just above idle: the shell never delays real work
#endif

namespace tern::shell {

// A byte stream. getc returns a byte (0..255), `none` when nothing is waiting yet, or
// `closed` when the other end is gone for good (the session then ends).
struct Io {
    static constexpr int none = -1;
    static constexpr int closed = -2;
    int (*getc)(void* ctx);
    void (*write)(void* ctx, const char* s, size_t n);
    void* ctx;
};

// A handler returns 0 on success; non-zero makes the shell print the usage line.
using Handler = int (*)(int argc, char** argv);
// Offers completions for argument `arg_index` (1 = first after the name) starting
// with `prefix`: calls offer(candidate, ctx) for each. Candidates must outlive the call.
using Offer = void (*)(const char* candidate, void* ctx);
using Completer = void (*)(int arg_index, const char* prefix, Offer offer, void* ctx);

struct Command {
    const char* name;
    Handler handler;
    const char* usage;    // "kill <name> [suspend|resume|delete]": printed on a bad call
    const char* summary;  // one line for `help`; may be null
    Completer complete;   // argument completion; may be null
};

// A subsystem's commands: the array and this node belong to the subsystem and must stay
// valid (static). Registering a group twice is harmless.
struct CommandGroup {
    const Command* commands;
    uint16_t count;
    CommandGroup* next = nullptr;
};

void register_commands(CommandGroup& group);
// The command named `name`, or null.
const Command* find_command(const char* name);
// Registered commands in order: index 0, 1, ... until null.
const Command* command_at(unsigned index);

// Results of exec() besides the handler's own.
inline constexpr int exec_unknown = -100;  // no such command
inline constexpr int exec_syntax = -101;   // unterminated quote, too many arguments, ...

// Runs one line as if typed (quotes and all): returns the handler's result, 0 for an
// empty line, or exec_unknown / exec_syntax. Output goes to the current session's Io.
int exec(const char* line);
// The prompt the editor prints; the string must stay valid.
void set_prompt(const char* prompt);

// Where command output goes: the running session's stream (set by run()/start(), or
// directly, e.g. by a test or a one-shot exec at boot).
void set_io(const Io& io);
const Io* io();
void write(const char* s, size_t n);
void puts(const char* s);
int printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// The interactive loop on the calling task: returns when the stream closes, on Ctrl-D on
// an empty line, or after `exit` (request_exit()). Polls with a one-tick delay while idle.
void run(const Io& io);
// Ends run() after the current command.
void request_exit();
// For a task that printed to the session's stream on its own (a background program's
// "exited" line): the shell redraws its prompt and the line being typed below it.
void request_redraw();
// Creates the shell task (priority SHELL_PRIORITY) running run(io) over and over: a
// console that closes is reopened, as a UART would be. Returns false if it cannot.
bool start(const Io& io);

// Built-in command groups, registered by start() (and callable on their own):
void register_core_commands();    // help clear echo history sleep
void register_task_commands();    // ps top kill
void register_memory_commands();  // mem (links the kernel heap)
void register_system_commands();  // ver uptime reboot

}  // namespace tern::shell
