/* Test scaffolding for the seed's shell example (examples/seed/cmd_led.c): linked with
 * --wrap=tinyos_shell_start, it adds a `pin` command that prints the LED pin's level, so the
 * test can see what `led on` did on a board whose LED is not on the console. */
#include <stdio.h>

#include "tinyos.h"
#include "tinyos/shell.h"

int __real_tinyos_shell_start(const tinyos_shell_io_t* io);

static int cmd_pin(int argc, char* argv[]) {
    (void)argc;
    (void)argv;
    const hal_platform_t* board = hal_platform_get();
    if (board == NULL || board->gpio == NULL) {
        os_printf("pin %u: this board has no GPIO\r\n", (unsigned)LED_PIN);  /* riscv-virt */
        return 0;
    }
    os_printf("pin %u is %s\r\n", (unsigned)LED_PIN, gpio_read(LED_PIN) ? "high" : "low");
    return 0;
}

int __wrap_tinyos_shell_start(const tinyos_shell_io_t* io) {
    shell_register_cmd("pin", cmd_pin, "pin Show the LED pin's level");
    return __real_tinyos_shell_start(io);
}
