/* The seed's C interface to the shell (see tern/shell.hpp for the whole API). */
#ifndef TERN_SHELL_H
#define TERN_SHELL_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* getc: a byte 0..255, -1 when none is waiting, -2 when the stream is closed. */
typedef struct shell_io {
    int (*getc)(void* ctx);
    void (*write)(void* ctx, const char* s, size_t n);
    void* ctx;
} shell_io_t;

/* Returns 0 on success; non-zero makes the shell print the help text as usage. */
typedef int (*shell_cmd_fn)(int argc, char** argv);

/* help: "led <on|off> Toggle LED". Returns 0, or -1 when the table is full. */
int shell_register_cmd(const char* name, shell_cmd_fn handler, const char* help);
int shell_exec(const char* line);
void shell_set_prompt(const char* prompt);
/* Starts the shell task over io (copied). Returns 0, or -1. */
int shell_start(const shell_io_t* io);

#ifdef __cplusplus
}
#endif
#endif
