/* The seed's shell header (TinyOS's include/tinyos/shell.h) over tern's shell: the seed's
 * I/O callbacks are `int getc(void)` and `void puts(const char*)`, where tern's take a
 * context and a length (tern/shell.h). Including this header makes shell_io_t and
 * shell_start the seed's, so `shell_io_t io = { .getc = uart_getc, .puts = uart_puts };
 * shell_start(&io);` builds as the seed writes it. Everything else is tern/shell.h's. */
#ifndef TINYOS_SHELL_H
#define TINYOS_SHELL_H

#include "tern/shell.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int (*getc)(void);          /* a byte 0..255, -1 when none is waiting, -2 when closed */
    void (*puts)(const char* s); /* writes a NUL-terminated string */
} tinyos_shell_io_t;

/* Starts the shell task over the seed's callbacks (the struct is copied). 0, or -1. */
int tinyos_shell_start(const tinyos_shell_io_t* io);

#define shell_io_t tinyos_shell_io_t
#define shell_start tinyos_shell_start

#ifdef __cplusplus
}
#endif
#endif /* TINYOS_SHELL_H */
